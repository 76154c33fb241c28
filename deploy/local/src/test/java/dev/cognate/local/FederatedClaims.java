package dev.cognate.local;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What an app's ID token says of a user who signed in through an external identity provider, as Cognito words it. */
final class FederatedClaims {

    private FederatedClaims() {
    }

    /**
     * The user is {@code <provider>_<userId>} and the {@code identities} claim names that one provider as the primary
     * identity: {@code providerName}, {@code providerType} ({@code OIDC}, {@code SAML}), {@code userId}.
     */
    static void assertFederatedUser(JsonNode claims, String provider, String providerType, String userId) {
        assertThat(claims.path("cognito:username").asText()).isEqualTo(provider + "_" + userId);
        JsonNode identities = claims.path("identities");
        assertThat(identities.isArray() && identities.size() == 1).as("identities: %s", identities).isTrue();
        assertThat(identities.get(0).path("providerName").asText()).isEqualTo(provider);
        assertThat(identities.get(0).path("providerType").asText()).isEqualTo(providerType);
        assertThat(identities.get(0).path("userId").asText()).isEqualTo(userId);
        assertThat(identities.get(0).path("primary").asText()).isEqualTo("true");
    }
}
