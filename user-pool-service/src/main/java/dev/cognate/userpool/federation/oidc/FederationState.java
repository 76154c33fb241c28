package dev.cognate.userpool.federation.oidc;

/**
 * What a started OIDC or social sign-in remembers until the provider answers, under its {@code state} in Redis
 * ({@link FederationStateStore}): who asked (pool, app client, provider), the hosted login's attempt it is bound to
 * ({@code federationId}, {@code hostedUiBaseUrl}), the {@code nonce} the ID token must carry, the PKCE verifier, and the
 * redirect URI the token request must repeat.
 *
 * @param startedAt epoch seconds of the start: an ID token issued before it is not this sign-in's
 * @param expiresAt epoch seconds; checked against the service's clock besides Redis' own TTL
 */
public record FederationState(String userPoolId, String clientId, String providerName, String providerType,
                              String federationId, String hostedUiBaseUrl, String redirectUri, String nonce,
                              String codeVerifier, long startedAt, long expiresAt) {

    @Override
    public String toString() {
        // the verifier and nonce are secrets of the attempt: never logged
        return "FederationState[" + userPoolId + "/" + clientId + " via " + providerName + "]";
    }
}
