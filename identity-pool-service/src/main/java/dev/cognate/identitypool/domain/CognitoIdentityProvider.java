package dev.cognate.identitypool.domain;

/**
 * A user pool app client whose ID tokens an identity pool accepts.
 *
 * @param providerName         {@code cognito-idp.<region>.amazonaws.com/<userPoolId>} (or Cognate's issuer host)
 * @param clientId             the app client id
 * @param serverSideTokenCheck whether tokens are checked against the user pool (global sign-out, deleted users)
 */
public record CognitoIdentityProvider(String providerName, String clientId, boolean serverSideTokenCheck) {
}
