package dev.cognate.userpool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The discovery document tells OIDC clients what the OAuth endpoints implement, and nothing they do not; it is served
 * from bytes kept per pool, which follow a change of the pool's resource servers or domain at once, with an ETag.
 */
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

    @Test
    void discoveryFollowsResourceServerAndDomainChangesAtOnce() {
        String path = "/" + poolId + "/.well-known/openid-configuration";
        assertThat(strings(json(RestAssured.get(path)).path("scopes_supported"))).contains("api/read").doesNotContain("files/list");

        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("files").name("Files")
                .scopes(ResourceServerScopeType.builder().scopeName("list").scopeDescription("list").build()));
        assertThat(strings(json(RestAssured.get(path)).path("scopes_supported"))).contains("api/read", "files/list");

        cognito.deleteResourceServer(r -> r.userPoolId(poolId).identifier("api"));
        assertThat(strings(json(RestAssured.get(path)).path("scopes_supported"))).contains("files/list").doesNotContain("api/read");

        String domain = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().domain();
        cognito.deleteUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));
        JsonNode withoutDomain = json(RestAssured.get(path));
        assertThat(withoutDomain.has("authorization_endpoint")).isFalse();
        assertThat(withoutDomain.has("end_session_endpoint")).isFalse();
    }

    @Test
    void discoveryAndJwksAnswerNotModifiedToTheirEtag() {
        for (String document : List.of("openid-configuration", "jwks.json")) {
            String path = "/" + poolId + "/.well-known/" + document;
            io.restassured.response.Response first = RestAssured.get(path);
            assertThat(first.statusCode()).isEqualTo(200);
            String etag = first.header("ETag");
            assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
            assertThat(first.header("Cache-Control")).isEqualTo("max-age=300");

            io.restassured.response.Response again = RestAssured.given().header("If-None-Match", etag).get(path);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body().asByteArray()).isEmpty();
            assertThat(again.header("ETag")).isEqualTo(etag);
            assertThat(RestAssured.given().header("If-None-Match", "\"other\", W/" + etag).get(path).statusCode()).isEqualTo(304);

            io.restassured.response.Response other = RestAssured.given().header("If-None-Match", "\"other\"").get(path);
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.body().asByteArray()).isEqualTo(first.body().asByteArray());
        }
    }
}
