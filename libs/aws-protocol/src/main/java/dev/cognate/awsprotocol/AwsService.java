package dev.cognate.awsprotocol;

/**
 * Which AWS JSON API a dispatcher speaks.
 *
 * @param targetPrefix the {@code X-Amz-Target} prefix, e.g. {@code AWSCognitoIdentityProviderService}
 * @param signingName  the SigV4 service name in the credential scope, e.g. {@code cognito-idp}
 */
public record AwsService(String targetPrefix, String signingName) {

    public static final AwsService COGNITO_IDENTITY_PROVIDER = new AwsService("AWSCognitoIdentityProviderService", "cognito-idp");
    public static final AwsService COGNITO_IDENTITY = new AwsService("AWSCognitoIdentityService", "cognito-identity");
}
