package dev.cognate.userpool.api;

import dev.cognate.internalapi.InternalRoutes;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls the hosted login's internal API as hosted-ui-service does: JSON over plain HTTP, no signature, no secret hash. */
public final class HostedUiApi {

    private HostedUiApi() {
    }

    public static Response post(String clientId, String action, Map<String, ?> body) {
        return InternalApi.given().contentType(ContentType.JSON).body(body)
                .post(InternalRoutes.HOSTED_LOGIN + "/{action}", clientId, action);
    }

    public static Response postRaw(String clientId, String action, String body) {
        return InternalApi.given().contentType(ContentType.JSON).body(body)
                .post(InternalRoutes.HOSTED_LOGIN + "/{action}", clientId, action);
    }

    /**
     * A client set up for the hosted login (code flow, COGNITO, a secret the pages never send) whose ExplicitAuthFlows
     * are only {@code flows}: the hosted login does not depend on them.
     */
    public static String hostedClient(CognitoIdentityProviderClient cognito, String poolId, PreventUserExistenceErrorTypes prevent,
                               ExplicitAuthFlowsType... flows) {
        return cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("hosted").generateSecret(true)
                        .callbackURLs("https://app.example.com/cb").allowedOAuthFlows(OAuthFlowType.CODE).allowedOAuthScopes("openid")
                        .allowedOAuthFlowsUserPoolClient(true).supportedIdentityProviders("COGNITO").preventUserExistenceErrors(prevent)
                        .explicitAuthFlows(flows.length == 0 ? new ExplicitAuthFlowsType[] {ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH} : flows))
                .userPoolClient().clientId();
    }

    /** The answer is Cognito's error: {@code status} and exactly {@code {"__type": type, "message": message}}. */
    public static void assertError(Response response, int status, String type, String message) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo(type);
        assertThat(response.jsonPath().getMap("$")).containsExactlyInAnyOrderEntriesOf(Map.of("__type", type, "message", message));
    }

    /** The answer is Cognito's error of {@code type} with status 400, whatever its message. */
    public static void assertRefused(Response response, String type) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.jsonPath().getString("__type")).isEqualTo(type);
        assertThat(response.jsonPath().getString("message")).isNotBlank();
    }
}
