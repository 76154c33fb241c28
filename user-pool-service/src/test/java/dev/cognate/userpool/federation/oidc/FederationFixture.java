package dev.cognate.userpool.federation.oidc;

import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.api.InternalApi;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the federation tests share: a pool with a provider created through the AWS SDK, an app client supporting it, and
 * the two internal routes called exactly as hosted-ui-service calls them.
 */
abstract class FederationFixture extends CognitoIdpTest {

    @Inject
    RecordingFederatedSignIn recorded;

    @Inject
    RedisDataSource redis;

    protected String poolId;

    /** A pool with the provider and a client for it; answers the client id. */
    protected String clientFor(String providerName, IdentityProviderTypeType type, Map<String, String> details, Map<String, String> mapping) {
        poolId = newPool("federation");
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName(providerName).providerType(type)
                .providerDetails(details).attributeMapping(mapping));
        return cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                        .callbackURLs("https://app.example.com/cb").allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid")
                        .allowedOAuthFlowsUserPoolClient(true).supportedIdentityProviders(providerName))
                .userPoolClient().clientId();
    }

    protected static String newFederationId() {
        return UUID.randomUUID().toString();
    }

    protected static Response start(String clientId, String providerName, String federationId) {
        return InternalApi.given().contentType(ContentType.JSON)
                .body(Map.of("providerName", providerName, "federationId", federationId,
                        "hostedUiBaseUrl", UpstreamOpenIdProvider.HOSTED_UI, "ipAddress", "203.0.113.7"))
                .post(InternalRoutes.HOSTED_LOGIN + InternalRoutes.FEDERATION_START, clientId);
    }

    /** The provider's authorization URL of a started sign-in (asserting the start succeeded). */
    protected static String startedAt(String clientId, String providerName, String federationId) {
        Response started = start(clientId, providerName, federationId);
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(200);
        return started.jsonPath().getString("location");
    }

    protected static Response callback(String clientId, Map<String, String> parameters, String federationId) {
        return callback(clientId, parameters, federationId, UpstreamOpenIdProvider.HOSTED_UI);
    }

    protected static Response callback(String clientId, Map<String, String> parameters, String federationId, String hostedUiBaseUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("parameters", parameters);
        body.put("federationId", federationId);
        body.put("hostedUiBaseUrl", hostedUiBaseUrl);
        body.put("ipAddress", "203.0.113.7");
        return InternalApi.given().contentType(ContentType.JSON).body(body)
                .post(InternalRoutes.HOSTED_LOGIN + InternalRoutes.FEDERATION_OIDC_CALLBACK, clientId);
    }

    protected static Map<String, String> query(String url) {
        return UpstreamBrowser.query(URI.create(url));
    }

    /** Whether the started sign-in of {@code state} is still kept in Redis. */
    protected boolean stateKept(String state) {
        return redis.key().exists(FederationStateStore.KEY_PREFIX + state);
    }
}
