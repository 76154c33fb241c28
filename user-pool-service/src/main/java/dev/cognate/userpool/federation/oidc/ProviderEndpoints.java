package dev.cognate.userpool.federation.oidc;

import java.util.Set;

/**
 * Where one provider's sign-in goes and how it speaks, resolved for each attempt ({@link ProviderEndpointResolver}).
 *
 * @param protocol    how the provider proves who signed in
 * @param userInfoUrl OIDC/Google userInfo (the {@code attributes_url}; null: the ID token's claims only), Facebook's
 *                    Graph {@code /me}, Login with Amazon's profile API; null for Apple
 * @param jwksUri     the ID token's keys (OIDC, Google, Apple); null for Facebook and Amazon
 * @param issuers     the {@code iss} values an ID token may carry (Google uses two spellings); empty without ID tokens
 */
public record ProviderEndpoints(Protocol protocol, String authorizeUrl, String tokenUrl, String userInfoUrl, String jwksUri,
                                Set<String> issuers) {

    public ProviderEndpoints {
        issuers = Set.copyOf(issuers);
    }

    /** How a provider proves who signed in. */
    public enum Protocol {
        /** OpenID Connect (OIDC providers, Google): a verified ID token with the {@code nonce}, then userInfo. */
        OPENID_CONNECT,
        /** Sign in with Apple: OpenID Connect with a JWT client secret and {@code response_mode=form_post}, no userInfo. */
        APPLE,
        /** Facebook: OAuth 2.0, then the Graph API's {@code /me?fields=...}; subject {@code id}. */
        FACEBOOK,
        /** Login with Amazon: OAuth 2.0, then the profile API; subject {@code user_id}. */
        AMAZON;

        public boolean hasIdToken() {
            return this == OPENID_CONNECT || this == APPLE;
        }
    }
}
