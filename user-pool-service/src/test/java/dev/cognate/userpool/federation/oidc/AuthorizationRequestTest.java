package dev.cognate.userpool.federation.oidc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of the request to the provider, with exact values. */
class AuthorizationRequestTest {

    @Test
    void pkceChallengeIsRfc7636s() {
        // RFC 7636 Appendix B
        assertThat(OidcFederation.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void scopesAreSeparatedAsTheProviderExpects() {
        assertThat(OidcFederation.scopes("openid email profile", ProviderEndpoints.Protocol.OPENID_CONNECT)).isEqualTo("openid email profile");
        assertThat(OidcFederation.scopes(" profile,postal_code ", ProviderEndpoints.Protocol.AMAZON)).isEqualTo("profile postal_code");
        assertThat(OidcFederation.scopes("public_profile, email", ProviderEndpoints.Protocol.FACEBOOK)).isEqualTo("public_profile,email");
        assertThat(OidcFederation.scopes("email name", ProviderEndpoints.Protocol.APPLE)).isEqualTo("email name");
        assertThat(OidcFederation.scopes(null, ProviderEndpoints.Protocol.APPLE)).isEmpty();
    }

    @Test
    void randomValuesHave256Bits() {
        String value = FederationStateStore.randomValue();
        assertThat(value).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(FederationStateStore.randomValue());
    }

    @Test
    void theLoginDomainMustBeAWebOrigin() {
        assertThat(OidcFederation.loginDomain("https://auth.example.com/")).isEqualTo("https://auth.example.com");
        assertThat(OidcFederation.loginDomain("http://app.auth.us-east-1.localhost:8082")).isEqualTo("http://app.auth.us-east-1.localhost:8082");
        for (String bad : new String[] {"javascript:alert(1)", "https://auth.example.com/?x=1", "https://auth.example.com/#f", "auth.example.com",
                "https://user@auth.example.com"}) {
            assertThatThrownBy(() -> OidcFederation.loginDomain(bad)).as(bad).hasMessageContaining("hostedUiBaseUrl");
        }
    }

    @Test
    void facebooksAppSecretProofIsTheHexHmacOfTheToken() {
        assertThat(ProviderSignIn.appSecretProof("token", "secret"))
                .isEqualTo(SocialProviderStandIn.hmacHex("secret", "token")).hasSize(64);
    }
}
