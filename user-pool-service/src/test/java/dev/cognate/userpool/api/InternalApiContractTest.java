package dev.cognate.userpool.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.AppClientConfig;
import dev.cognate.internalapi.Branding;
import dev.cognate.internalapi.HostedLoginRequests;
import dev.cognate.internalapi.HostedLoginResponses;
import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user-pool side of the internal contract (libs/internal-api): each route accepts its request record as Jackson
 * writes it, and answers exactly the members of its response record — nothing hosted-ui-service would drop, nothing it
 * expects missing.
 */
@QuarkusTest
class InternalApiContractTest extends CognitoIdpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Correct-Horse-9";

    private static Response post(String clientId, String route, Object request) throws Exception {
        return InternalApi.given().contentType(ContentType.JSON).body(JSON.writeValueAsString(request))
                .post(InternalRoutes.HOSTED_LOGIN + route, clientId);
    }

    /** The answer's members, read into {@code type}: every member is one of the record's (JSON names, nested records too). */
    private static <T> T answer(Response response, Class<T> type) throws Exception {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.asString());
        assertMembersOf(body, type);
        return JSON.readValue(response.asString(), type);
    }

    private static void assertMembersOf(JsonNode body, Class<?> type) {
        Map<String, RecordComponent> components = Arrays.stream(type.getRecordComponents())
                .collect(Collectors.toMap(InternalApiContractTest::jsonName, component -> component));
        List<String> members = new ArrayList<>();
        body.fieldNames().forEachRemaining(members::add);
        assertThat(components.keySet()).as(type.getSimpleName()).containsAll(members);
        for (String member : members) {
            Class<?> memberType = components.get(member).getType();
            if (memberType.isRecord() && body.get(member).isObject()) {
                assertMembersOf(body.get(member), memberType);
            }
        }
    }

    private static String jsonName(RecordComponent component) {
        // @JsonProperty does not target record components: it is found on the accessor
        com.fasterxml.jackson.annotation.JsonProperty property = component.getAccessor()
                .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return property != null ? property.value() : component.getName();
    }

    @Test
    void theHostedLoginRoutesSpeakTheSharedRecords() throws Exception {
        String poolId = cognito.createUserPool(r -> r.poolName("contract " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool().id();
        String clientId = HostedUiApi.hostedClient(cognito, poolId, null);
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("tess").messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1").userAttributes(AttributeType.builder().name("email").value("tess@example.com").build(),
                        AttributeType.builder().name("email_verified").value("true").build()));

        HostedLoginResponses.SignInStep challenge = answer(post(clientId, InternalRoutes.SIGN_IN,
                new HostedLoginRequests.SignIn("tess", "Temporary-Pass-1", "192.0.2.1")), HostedLoginResponses.SignInStep.class);
        assertThat(challenge.completed()).isFalse();
        assertThat(challenge.challengeName()).isEqualTo("NEW_PASSWORD_REQUIRED");

        HostedLoginResponses.SignInStep done = answer(post(clientId, InternalRoutes.RESPOND_TO_CHALLENGE,
                new HostedLoginRequests.RespondToChallenge(challenge.challengeName(), challenge.session(),
                        Map.of("USERNAME", "tess", "NEW_PASSWORD", PASSWORD), "192.0.2.1")), HostedLoginResponses.SignInStep.class);
        assertThat(done.completed()).isTrue();
        assertThat(done.signedIn().username()).isEqualTo("tess");

        HostedLoginResponses.SignUpResult signedUp = answer(post(clientId, InternalRoutes.SIGN_UP,
                new HostedLoginRequests.SignUp("uma", PASSWORD, Map.of("email", "uma@example.com"), "192.0.2.1")),
                HostedLoginResponses.SignUpResult.class);
        assertThat(signedUp.codeDeliveryDetails().deliveryMedium()).isEqualTo("EMAIL");
        answer(post(clientId, InternalRoutes.RESEND_CODE, new HostedLoginRequests.Username("uma", "192.0.2.1")),
                HostedLoginResponses.CodeDeliveryResult.class);
        HostedLoginResponses.CodeDeliveryResult forgot = answer(post(clientId, InternalRoutes.FORGOT_PASSWORD,
                new HostedLoginRequests.Username("tess", "192.0.2.1")), HostedLoginResponses.CodeDeliveryResult.class);
        assertThat(forgot.codeDeliveryDetails().destination()).isEqualTo("t***@e***");

        assertThat(post(clientId, InternalRoutes.CONFIRM_SIGN_UP, new HostedLoginRequests.ConfirmSignUp("uma", "000000"))
                .jsonPath().getString("__type")).isIn("CodeMismatchException", "ExpiredCodeException");
        assertThat(post(clientId, InternalRoutes.CONFIRM_FORGOT_PASSWORD,
                new HostedLoginRequests.ConfirmForgotPassword("tess", "000000", "Other-Horse-10", "192.0.2.1"))
                .jsonPath().getString("__type")).isIn("CodeMismatchException", "ExpiredCodeException");
        assertThat(post(clientId, InternalRoutes.IMPLICIT_TOKENS, new HostedLoginRequests.ImplicitTokens("unknown-code"))
                .jsonPath().getString("__type")).isEqualTo("NotAuthorizedException");
    }

    @Test
    void theClientRouteAnswersAppClientConfig() throws Exception {
        String poolId = newPool("contract client");
        String clientId = HostedUiApi.hostedClient(cognito, poolId, null);

        AppClientConfig config = answer(InternalApi.given().get(InternalRoutes.V1 + InternalRoutes.CLIENT, clientId),
                AppClientConfig.class);

        assertThat(config.clientId()).isEqualTo(clientId);
        assertThat(config.hasSecret()).isTrue();
        assertThat(config.allowedOAuthFlowsUserPoolClient()).isTrue();
        Set<String> members = new java.util.HashSet<>();
        JSON.readTree(InternalApi.given().get(InternalRoutes.V1 + InternalRoutes.CLIENT, clientId).asString())
                .fieldNames().forEachRemaining(members::add);
        assertThat(members).as("every member of the record is answered")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(AppClientConfig.class.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    @Test
    void theBrandingRouteAnswersBranding() throws Exception {
        String poolId = newPool("contract branding");
        String clientId = HostedUiApi.hostedClient(cognito, poolId, null);
        cognito.setUICustomization(r -> r.userPoolId(poolId).clientId(clientId).css(".banner-customizable {background-color: black;}"));

        Branding branding = answer(InternalApi.given().get(InternalRoutes.V1 + InternalRoutes.BRANDING, clientId), Branding.class);

        assertThat(branding.clientId()).isEqualTo(clientId);
        assertThat(branding.css()).contains("banner-customizable");
    }
}
