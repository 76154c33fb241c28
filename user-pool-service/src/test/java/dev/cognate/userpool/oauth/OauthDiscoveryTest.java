package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The discovery document tells OIDC clients what the OAuth endpoints implement, and nothing they do not. */
@QuarkusTest
class OauthDiscoveryTest extends OauthFlowFixture {

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void discoveryDescribesTheImplementedOauthEndpoints() {
        JsonNode discovery = json(RestAssured.get("/" + poolId + "/.well-known/openid-configuration"));

        assertThat(discovery.path("issuer").asText()).isEqualTo("http://localhost:8081/" + poolId);
        assertThat(discovery.path("authorization_endpoint").asText()).endsWith("/oauth2/authorize").contains(".auth.us-east-1.localhost");
        assertThat(discovery.path("end_session_endpoint").asText()).endsWith("/logout");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo("http://localhost:8081/oauth2/token");
        assertThat(discovery.path("userinfo_endpoint").asText()).isEqualTo("http://localhost:8081/oauth2/userInfo");
        assertThat(discovery.path("revocation_endpoint").asText()).isEqualTo("http://localhost:8081/oauth2/revoke");
        assertThat(strings(discovery.path("response_types_supported"))).containsExactly("code", "token");
        assertThat(strings(discovery.path("grant_types_supported")))
                .containsExactlyInAnyOrder("authorization_code", "implicit", "refresh_token", "client_credentials");
        assertThat(strings(discovery.path("response_modes_supported"))).containsExactly("query", "fragment");
        assertThat(strings(discovery.path("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(strings(discovery.path("token_endpoint_auth_methods_supported")))
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
        assertThat(strings(discovery.path("revocation_endpoint_auth_methods_supported")))
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
        assertThat(strings(discovery.path("scopes_supported")))
                .containsExactly("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin", "api/read", "api/write");
        assertThat(strings(discovery.path("claims_supported"))).contains("sub", "email", "nonce", "at_hash", "username");
        assertThat(discovery.path("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(discovery.path("request_parameter_supported").isBoolean()).isTrue();
        assertThat(discovery.path("request_parameter_supported").asBoolean()).isFalse();
    }
}
