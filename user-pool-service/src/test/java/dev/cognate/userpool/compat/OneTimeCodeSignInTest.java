package dev.cognate.userpool.compat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Passwordless first factors of choice-based sign-in (AuthFlow USER_AUTH) with the AWS SDK for Java v2: EMAIL_OTP as
 * PREFERRED_CHALLENGE and SMS_OTP chosen in SELECT_CHALLENGE, an 8-digit code read from the mail / the SMS gateway's
 * delivery request, no MFA after it; a wrong code on the lockout counter, a replayed session, an unknown name answered
 * as a known one (nothing sent), a user without a verified address not offered the factor.
 */
@QuarkusTest
class OneTimeCodeSignInTest extends SignInFixture {

    private static final String PHONE = "+15555550177";

    @BeforeEach
    void passwordlessPool() {
        poolId = cognito.createUserPool(r -> r.poolName("otp " + unique())
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactorsWithStrings("PASSWORD", "EMAIL_OTP", "SMS_OTP")))).userPool().id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
    }

    private void user(String username, boolean emailVerified, boolean withPhone) {
        List<AttributeType> attributes = new ArrayList<>(List.of(attribute("email", username + "@example.com"),
                attribute("email_verified", String.valueOf(emailVerified))));
        if (withPhone) {
            attributes.add(attribute("phone_number", PHONE));
            attributes.add(attribute("phone_number_verified", "true"));
        }
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1").userAttributes(attributes));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private InitiateAuthResponse userAuth(Map<String, String> parameters) {
        return anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_AUTH).authParameters(parameters));
    }

    private RespondToAuthChallengeResponse answer(String challenge, String session, Map<String, String> responses) {
        return anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(challenge).session(session).challengeResponses(responses));
    }

    private int failures() {
        var rows = db.preparedQuery("SELECT failures FROM sign_in_failures WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely();
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0);
    }

    @Test
    void aPreferredEmailOtpSignsInWithTheMailedCodeAndAsksNoMfa() throws Exception {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .emailMfaConfiguration(e -> e.subject("Your code").message("Code: {####}")));
        user("otto", true, false);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("otto").emailMfaSettings(s -> s.enabled(true).preferredMfa(true)));

        InitiateAuthResponse challenge = userAuth(Map.of("USERNAME", "otto", "PREFERRED_CHALLENGE", "EMAIL_OTP"));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.EMAIL_OTP);
        assertThat(challenge.challengeParameters()).containsEntry("CODE_DELIVERY_DELIVERY_MEDIUM", "EMAIL")
                .containsEntry("CODE_DELIVERY_DESTINATION", "o***@e***");
        Mailbox.Message mail = Mailbox.latest(db, poolId, "otto@example.com");
        assertThat(mail.code()).matches("[0-9]{8}");
        assertThat(mail.purpose()).isEqualTo("CustomMessage_Authentication");

        RespondToAuthChallengeResponse signedIn = answer("EMAIL_OTP", challenge.session(), Map.of("USERNAME", "otto", "EMAIL_OTP_CODE", mail.code()));
        assertThat(signedIn.challengeName()).as("no MFA after a passwordless factor").isNull();
        assertThat(verify(signedIn.authenticationResult().idToken(), clientId).getClaimValueAsString("cognito:username")).isEqualTo("otto");
        assertThat(OutboxRows.forPool(db, poolId, "authFlow")).anyMatch(row -> "USER_AUTH".equals(row.subjectOfData()));
        var signIn = cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("otto")).authEvents().get(0);
        assertThat(signIn.eventTypeAsString() + "/" + signIn.eventResponseAsString()).isEqualTo("SignIn/Pass");
        assertThat(signIn.challengeResponses()).as("a one-time code as first factor checks no password").isEmpty();
        assertThatThrownBy(() -> answer("EMAIL_OTP", challenge.session(), Map.of("USERNAME", "otto", "EMAIL_OTP_CODE", mail.code())))
                .as("single use").isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void smsOtpChosenInSelectChallengeSignsInWithTheTextedCode() {
        user("sue", true, true);

        InitiateAuthResponse choice = userAuth(Map.of("USERNAME", "sue"));
        assertThat(choice.challengeName()).isEqualTo(ChallengeNameType.SELECT_CHALLENGE);
        assertThat(choice.availableChallenges()).containsExactly(ChallengeNameType.EMAIL_OTP, ChallengeNameType.SMS_OTP,
                ChallengeNameType.PASSWORD, ChallengeNameType.PASSWORD_SRP);
        RespondToAuthChallengeResponse sms = answer("SELECT_CHALLENGE", choice.session(), Map.of("USERNAME", "sue", "ANSWER", "SMS_OTP"));
        assertThat(sms.challengeName()).isEqualTo(ChallengeNameType.SMS_OTP);
        assertThat(sms.challengeParameters()).containsEntry("CODE_DELIVERY_DESTINATION", "+*******0177");
        String code = Mailbox.latest(db, poolId, PHONE).code();
        assertThat(answer("SMS_OTP", sms.session(), Map.of("USERNAME", "sue", "SMS_OTP_CODE", code)).authenticationResult().accessToken())
                .isNotBlank();
    }

    @Test
    void aWrongCodeIsRefusedAndCountsTowardsTheLockout() {
        user("wes", true, false);
        InitiateAuthResponse challenge = userAuth(Map.of("USERNAME", "wes", "PREFERRED_CHALLENGE", "EMAIL_OTP"));
        String right = Mailbox.latest(db, poolId, "wes@example.com").code();
        String wrong = right.equals("00000000") ? "11111111" : "00000000";

        assertThatThrownBy(() -> answer("EMAIL_OTP", challenge.session(), Map.of("USERNAME", "wes", "EMAIL_OTP_CODE", wrong)))
                .isInstanceOf(CodeMismatchException.class).hasMessageStartingWith("Invalid code received for user");
        assertThat(failures()).isEqualTo(1);
        assertThatThrownBy(() -> answer("EMAIL_OTP", challenge.session(), Map.of("USERNAME", "wes", "EMAIL_OTP_CODE", right)))
                .as("the session ended with the wrong code").isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void anUnknownNameIsAnsweredAsAKnownOneAndNothingIsSent() {
        user("una", false, false);

        InitiateAuthResponse known = userAuth(Map.of("USERNAME", "una"));
        assertThat(known.availableChallenges()).as("no verified email, no phone: no code factor")
                .containsExactly(ChallengeNameType.PASSWORD, ChallengeNameType.PASSWORD_SRP);

        InitiateAuthResponse ghost = userAuth(Map.of("USERNAME", "ghost@example.com", "PREFERRED_CHALLENGE", "EMAIL_OTP"));
        assertThat(ghost.challengeName()).isEqualTo(ChallengeNameType.EMAIL_OTP);
        assertThat(ghost.challengeParameters()).containsEntry("CODE_DELIVERY_DESTINATION", "g***@e***");
        assertThat(Mailbox.rawMessages(db, poolId)).isEmpty();
        assertThatThrownBy(() -> answer("EMAIL_OTP", ghost.session(), Map.of("USERNAME", "ghost@example.com", "EMAIL_OTP_CODE", "12345678")))
                .isInstanceOf(CodeMismatchException.class).hasMessageStartingWith("Invalid code received for user");
    }
}
