package dev.cognate.userpool;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.net.URI;

/** The real AWS SDK for Java v2 client pointed at the service under test. */
public final class CognitoIdpClients {

    /** The operator key of the %test profile (application.properties). */
    public static final String ACCESS_KEY = "AKIACOGNATETEST00001";
    public static final String SECRET = "cognate-test-secret-access-key-0000000000";

    private CognitoIdpClients() {
    }

    public static CognitoIdentityProviderClient operator(URI endpoint) {
        return client(endpoint, ACCESS_KEY, SECRET);
    }

    /** A client with no credentials at all, as an app's own code calls the unauthenticated actions (SignUp, ForgotPassword, ...). */
    public static CognitoIdentityProviderClient anonymous(URI endpoint) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static CognitoIdentityProviderClient client(URI endpoint, String accessKey, String secret) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
