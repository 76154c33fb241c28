package dev.cognate.userpool.validation;

import dev.cognate.awsprotocol.CognitoException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Identity provider URLs: https only, as in Cognito; plain http to this machine only with
 * {@code cognate.federation.allow-loopback-http} (the local stack and tests), and never to another host.
 */
class ProviderUrlRulesTest {

    private static Map<String, String> oidc(String issuer) {
        return Map.of("client_id", "c", "authorize_scopes", "openid", "oidc_issuer", issuer, "attributes_request_method", "GET");
    }

    @Test
    void httpsIsAlwaysAccepted() {
        assertThatCode(() -> ProviderDetailsRules.check("OIDC", oidc("https://login.example.com"), false)).doesNotThrowAnyException();
        assertThat(ProviderDetailsRules.isProviderUrl("https://login.example.com/realms/a", false)).isTrue();
    }

    @Test
    void loopbackHttpOnlyWhenAllowed() {
        for (String url : new String[] {"http://localhost:9000", "http://127.0.0.1:9000/realms/a", "http://[::1]:9000"}) {
            assertThat(ProviderDetailsRules.isProviderUrl(url, true)).as(url).isTrue();
            assertThat(ProviderDetailsRules.isProviderUrl(url, false)).as(url).isFalse();
        }
        assertThatThrownBy(() -> ProviderDetailsRules.check("OIDC", oidc("http://127.0.0.1:9000"), false))
                .isInstanceOf(CognitoException.class).hasMessage("oidc_issuer must be an https URL.");
        assertThatCode(() -> ProviderDetailsRules.check("OIDC", oidc("http://127.0.0.1:9000"), true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ProviderDetailsRules.check("SAML", Map.of("MetadataURL", "http://localhost/metadata"), false))
                .isInstanceOf(CognitoException.class).hasMessage("MetadataURL must be an https URL.");
    }

    @Test
    void otherHttpHostsAndOddUrlsStayRefusedEvenWhenLoopbackIsAllowed() {
        for (String url : new String[] {"http://login.example.com", "http://10.0.0.5", "http://localhost.example.com",
                "http://127.0.0.1.nip.io", "ftp://localhost", "https://user:pw@login.example.com", "https://login.example.com/#x",
                "//login.example.com", "not a url"}) {
            assertThat(ProviderDetailsRules.isProviderUrl(url, true)).as(url).isFalse();
        }
        assertThatThrownBy(() -> ProviderDetailsRules.check("OIDC", Map.of("client_id", "c", "authorize_scopes", "openid",
                "oidc_issuer", "https://login.example.com", "attributes_request_method", "GET", "token_url", "http://login.example.com/token"), true))
                .isInstanceOf(CognitoException.class).hasMessage("token_url must be an https URL.");
    }
}
