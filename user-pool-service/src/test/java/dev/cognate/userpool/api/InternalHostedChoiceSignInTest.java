package dev.cognate.userpool.api;

import dev.cognate.internalapi.InternalRoutes;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.compat.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.util.Map;

import static dev.cognate.userpool.api.HostedUiApi.assertError;
import static dev.cognate.userpool.api.HostedUiApi.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hosted login's password-less sign-in through the internal API ({@code choice-sign-in}): USER_AUTH's flow with a
 * PREFERRED_CHALLENGE under the hosted flow name — the code mailed for EMAIL_OTP answered through respond-to-challenge,
 * SELECT_CHALLENGE for a user who cannot use the factor, bad input refused — and the client route telling the pages the
 * pool's AllowedFirstAuthFactors.
 */
@QuarkusTest
class InternalHostedChoiceSignInTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";

    @Inject
    Pool db;

    private String poolId;
    private String clientId;

    @BeforeEach
    void passwordlessPoolAndHostedClient() {
        poolId = cognito.createUserPool(r -> r.poolName("hosted otp " + unique())
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("PASSWORD", "EMAIL_OTP", "SMS_OTP")))).userPool().id();
        clientId = HostedUiApi.hostedClient(cognito, poolId, null);
    }

    private void user(String username) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1").userAttributes(
                        AttributeType.builder().name("email").value(username + "@example.com").build(),
                        AttributeType.builder().name("email_verified").value("true").build()));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
    }

    @Test
    void theClientRouteTellsThePagesThePoolsFirstFactors() {
        Response client = InternalApi.given().get(InternalRoutes.V1 + InternalRoutes.CLIENT, clientId);
        assertThat(client.statusCode()).as(client.asString()).isEqualTo(200);
        assertThat(client.jsonPath().getList("allowedFirstAuthFactors")).containsExactly("PASSWORD", "EMAIL_OTP", "SMS_OTP");
    }

    @Test
    void emailOtpMailsACodeWhoseAnswerSignsTheUserIn() throws Exception {
        user("otto");
        Response challenge = post(clientId, "choice-sign-in",
                Map.of("username", "otto", "preferredChallenge", "EMAIL_OTP", "ipAddress", "203.0.113.7"));
        assertThat(challenge.statusCode()).as(challenge.asString()).isEqualTo(200);
        assertThat(challenge.jsonPath().getString("challengeName")).isEqualTo("EMAIL_OTP");
        assertThat(challenge.jsonPath().getMap("parameters")).containsEntry("CODE_DELIVERY_DELIVERY_MEDIUM", "EMAIL")
                .containsEntry("CODE_DELIVERY_DESTINATION", "o***@e***").containsEntry("USER_ID_FOR_SRP", "otto");
        String code = Mailbox.latest(db, poolId, "otto@example.com").code();

        Response wrong = post(clientId, "respond-to-challenge", Map.of("challengeName", "EMAIL_OTP",
                "session", challenge.jsonPath().getString("session"),
                "responses", Map.of("USERNAME", "otto", "EMAIL_OTP_CODE", code.equals("00000000") ? "11111111" : "00000000")));
        assertThat(wrong.statusCode()).as(wrong.asString()).isEqualTo(400);

        Response again = post(clientId, "choice-sign-in", Map.of("username", "otto", "preferredChallenge", "EMAIL_OTP"));
        String second = Mailbox.latest(db, poolId, "otto@example.com").code();
        Response signedIn = post(clientId, "respond-to-challenge", Map.of("challengeName", "EMAIL_OTP",
                "session", again.jsonPath().getString("session"), "responses", Map.of("USERNAME", "otto", "EMAIL_OTP_CODE", second)));
        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("otto");
        assertThat(signedIn.jsonPath().getString("challengeName")).as("no MFA after a password-less factor").isNull();
    }

    @Test
    void aUserWhoCannotUseTheFactorGetsSelectChallenge() {
        user("nophone");
        Response choice = post(clientId, "choice-sign-in", Map.of("username", "nophone", "preferredChallenge", "SMS_OTP"));
        assertThat(choice.statusCode()).as(choice.asString()).isEqualTo(200);
        assertThat(choice.jsonPath().getString("challengeName")).isEqualTo("SELECT_CHALLENGE");
        assertThat(Mailbox.codes(db, poolId)).as("nothing sent").isEmpty();
    }

    @Test
    void refusesAPasswordFactorOrNoUsername() {
        assertError(post(clientId, "choice-sign-in", Map.of("username", "otto", "preferredChallenge", "PASSWORD")), 400,
                "InvalidParameterException", "1 validation error detected: Value 'PASSWORD' at 'preferredChallenge' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [WEB_AUTHN, EMAIL_OTP, SMS_OTP]");
        Response noUsername = post(clientId, "choice-sign-in", Map.of("preferredChallenge", "EMAIL_OTP"));
        assertThat(noUsername.statusCode()).isEqualTo(400);
        assertThat(noUsername.jsonPath().getString("__type")).isEqualTo("InvalidParameterException");
        assertThat(Mailbox.codes(db, poolId)).isEmpty();
    }
}
