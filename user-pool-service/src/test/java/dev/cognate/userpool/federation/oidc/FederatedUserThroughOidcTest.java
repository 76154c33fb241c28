package dev.cognate.userpool.federation.oidc;

import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.api.InternalApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole path with the real write path behind it (fedusers' {@code FederatedSignIn}, not the recording stand-in): a
 * user signs in at oidc-provider, and the pool then has the federated user {@code Corp_<sub>} — status
 * {@code EXTERNAL_PROVIDER}, the mapped email — which a second sign-in finds again, as AdminGetUser shows.
 */
@QuarkusTest
@TestProfile(FederatedUserThroughOidcTest.WithTheRealWritePath.class)
class FederatedUserThroughOidcTest extends CognitoIdpTest {

    /** The federation profile's endpoints, without the recording stand-in. */
    public static class WithTheRealWritePath extends FederationTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of();
        }
    }

    private String issuer;

    @BeforeEach
    void upstream() throws Exception {
        assumeTrue(UpstreamOpenIdProvider.available(), "node and src/test/node-oidc-provider/node_modules are needed (npm ci there)");
        issuer = UpstreamOpenIdProvider.issuer();
    }

    @Test
    void aSignInThroughTheProviderCreatesTheFederatedUserAndFindsItAgain() throws Exception {
        String poolId = newPool("federated-users");
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(Map.of("client_id", UpstreamOpenIdProvider.CONFIDENTIAL_CLIENT, "client_secret", UpstreamOpenIdProvider.CONFIDENTIAL_SECRET,
                        "authorize_scopes", "openid email profile", "oidc_issuer", issuer, "attributes_request_method", "GET"))
                .attributeMapping(Map.of("email", "email", "given_name", "given_name")));
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                .callbackURLs("https://app.example.com/cb").allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid")
                .allowedOAuthFlowsUserPoolClient(true).supportedIdentityProviders("Corp")).userPoolClient().clientId();

        Response first = signIn(clientId, "hanna");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.jsonPath().getString("signedIn.username")).isEqualTo("Corp_hanna");

        AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(poolId).username("Corp_hanna"));
        assertThat(user.userStatus()).isEqualTo(UserStatusType.EXTERNAL_PROVIDER);
        Map<String, String> attributes = user.userAttributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
        assertThat(attributes).containsEntry("email", "hanna@example.com").containsEntry("given_name", "Hanna")
                .containsEntry("sub", first.jsonPath().getString("signedIn.sub")).containsKey("identities");
        assertThat(attributes.get("identities")).contains("\"userId\":\"hanna\"").contains("\"providerName\":\"Corp\"");

        Response second = signIn(clientId, "hanna");
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(200);
        assertThat(second.jsonPath().getString("signedIn.sub")).isEqualTo(first.jsonPath().getString("signedIn.sub"));
    }

    private Response signIn(String clientId, String login) throws Exception {
        String federationId = UUID.randomUUID().toString();
        Response started = InternalApi.given().contentType(ContentType.JSON)
                .body(Map.of("providerName", "Corp", "federationId", federationId, "hostedUiBaseUrl", UpstreamOpenIdProvider.HOSTED_UI))
                .post(InternalRoutes.HOSTED_LOGIN + InternalRoutes.FEDERATION_START, clientId);
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(200);
        Map<String, String> answer = new UpstreamBrowser().signIn(started.jsonPath().getString("location"), login);
        Map<String, Object> body = new HashMap<>();
        body.put("parameters", answer);
        body.put("federationId", federationId);
        body.put("hostedUiBaseUrl", UpstreamOpenIdProvider.HOSTED_UI);
        body.put("ipAddress", "198.51.100.4");
        return InternalApi.given().contentType(ContentType.JSON).body(body)
                .post(InternalRoutes.HOSTED_LOGIN + InternalRoutes.FEDERATION_OIDC_CALLBACK, clientId);
    }
}
