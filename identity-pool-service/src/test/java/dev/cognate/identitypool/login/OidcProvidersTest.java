package dev.cognate.identitypool.login;

import dev.cognate.identitypool.config.LoginProvidersConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OIDC provider ARNs to Logins keys and issuers, and IAM's client id lists read from configuration. */
class OidcProvidersTest {

    @Test
    void theLoginsKeyIsTheArnsHostAndPath() {
        assertThat(OidcProviders.providerNameOf("arn:aws:iam::123456789012:oidc-provider/login.example.com/realms/app"))
                .contains("login.example.com/realms/app");
        assertThat(OidcProviders.providerNameOf("arn:aws-cn:iam::123456789012:oidc-provider/login.example.cn")).contains("login.example.cn");
        assertThat(OidcProviders.providerNameOf("arn:aws:iam::123456789012:saml-provider/corp")).isEmpty();
        assertThat(OidcProviders.providerNameOf("arn:aws:iam::12345:oidc-provider/short.account")).isEmpty();
    }

    @Test
    void clientIdsAreListedPerProviderAndTheSchemeIsConfigured() {
        OidcProviders providers = new OidcProviders(config("http", List.of("login.example.com/realms/app=web",
                "login.example.com/realms/app=mobile", "other.example.com=cli")));

        assertThat(providers.issuerOf("login.example.com/realms/app")).isEqualTo("http://login.example.com/realms/app");
        assertThat(providers.clientIdsOf("login.example.com/realms/app")).containsExactly("web", "mobile");
        assertThat(providers.clientIdsOf("other.example.com")).containsExactly("cli");
        assertThat(providers.clientIdsOf("unlisted.example.com")).isEmpty();
    }

    @Test
    void aMalformedEntryIsRefusedNotIgnored() {
        assertThatThrownBy(() -> new OidcProviders(config("https", List.of("login.example.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'login.example.com' is not <issuer host/path>=<client id>");
        assertThatThrownBy(() -> new OidcProviders(config("https", List.of("login.example.com="))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LoginProvidersConfig config(String scheme, List<String> clientIds) {
        return new LoginProvidersConfig() {
            public String googleJwksUrl() {
                return "https://google.invalid/certs";
            }

            public String appleJwksUrl() {
                return "https://apple.invalid/keys";
            }

            public String facebookGraphUrl() {
                return "https://facebook.invalid";
            }

            public String amazonApiUrl() {
                return "https://amazon.invalid";
            }

            public String oidcScheme() {
                return scheme;
            }

            public Optional<List<String>> oidcClientIds() {
                return Optional.of(clientIds);
            }

            public Optional<List<String>> samlMetadata() {
                return Optional.empty();
            }

            public Duration samlMetadataRefresh() {
                return Duration.ofHours(1);
            }

            public List<String> samlAudiences() {
                return List.of("urn:amazon:webservices");
            }

            public List<String> samlRecipients() {
                return List.of("https://signin.aws.amazon.com/saml");
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
