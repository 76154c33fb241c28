package dev.cognate.userpool.compat;

import dev.cognate.userpool.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SMS and email MFA through the AWS SDK for Java v2: the SMS_MFA and EMAIL_OTP challenges after every password flow and
 * after a new password, with the code the SMS gateway or the mail would receive (the pool's delivery request on
 * {@code cognate.messages}, opened as trigger-runner opens it: {@link Mailbox}); SELECT_MFA_TYPE; MFA_SETUP with email;
 * Cognito's preference rules; wrong codes on the lockout counter; single-use, expiring sessions.
 */
@QuarkusTest
class SmsAndEmailMfaTest extends SignInFixture {

    private static final String SNS_ROLE = "arn:aws:iam::123456789012:role/cognito-sms";
    private static final String PHONE = "+15555550100";

    @Inject
    MovableClock clock;

    @AfterEach
    void putTimeBack() {
        clock.reset();
    }

    private void poolMfa(UserPoolMfaType configuration, boolean sms, boolean email, boolean softwareToken) {
        cognito.setUserPoolMfaConfig(r -> {
            r.userPoolId(poolId).mfaConfiguration(configuration);
            if (sms) {
                r.smsMfaConfiguration(s -> s.smsAuthenticationMessage("Your sign-in code is {####}").smsConfiguration(c -> c.snsCallerArn(SNS_ROLE)));
            }
            if (email) {
                r.emailMfaConfiguration(e -> e.subject("Your sign-in code").message("Sign in with {####}"));
            }
            if (softwareToken) {
                r.softwareTokenMfaConfiguration(t -> t.enabled(true));
            }
        });
    }

    /** A confirmed user with a verified email ({@code <name>@example.com}) and, when asked, a verified phone number. */
    private void user(String username, boolean permanent, boolean withPhone) {
        List<AttributeType> attributes = new ArrayList<>(List.of(attribute("email", username + "@example.com"), attribute("email_verified", "true")));
        if (withPhone) {
            attributes.add(attribute("phone_number", PHONE));
            attributes.add(attribute("phone_number_verified", "true"));
        }
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1").userAttributes(attributes));
        if (permanent) {
            cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
        }
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private RespondToAuthChallengeResponse answer(String challenge, String session, String username, String parameter, String value) {
        return anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(challenge).session(session)
                .challengeResponses(Map.of("USERNAME", username, parameter, value)));
    }

    /** The user's authentication events, newest first, as "type/response [challenge/outcome, ...]". */
    private List<String> outcomes(String username) {
        return cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username(username)).authEvents().stream()
                .map(e -> e.eventTypeAsString() + "/" + e.eventResponseAsString() + " " + e.challengeResponses().stream()
                        .map(c -> c.challengeNameAsString() + "/" + c.challengeResponseAsString()).toList())
                .toList();
    }

    private Mailbox.Message latestTo(String destination) {
        return Mailbox.latest(db, poolId, destination);
    }

    @Test
    void smsMfaAsksTheCodeTheGatewayReceivedAndTheSessionIsUsedOnce() {
        poolMfa(UserPoolMfaType.OPTIONAL, true, false, false);
        user("sid", true, true);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("sid").smsMfaSettings(s -> s.enabled(true).preferredMfa(true)));

        InitiateAuthResponse challenge = passwordAuth(clientId, "sid", PASSWORD);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SMS_MFA);
        assertThat(challenge.authenticationResult()).isNull();
        assertThat(challenge.challengeParameters()).containsEntry("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS")
                .containsEntry("CODE_DELIVERY_DESTINATION", "+*******0100").containsEntry("USER_ID_FOR_SRP", "sid");
        Mailbox.Message sms = latestTo(PHONE);
        assertThat(sms.purpose()).isEqualTo("CustomMessage_Authentication");
        assertThat(sms.medium()).isEqualTo("SMS");
        assertThat(sms.text()).isEqualTo("Your sign-in code is {####}");
        assertThat(sms.code()).matches("[0-9]{6}");
        assertThat(Mailbox.rawMessages(db, poolId)).noneMatch(raw -> raw.contains(sms.code()));

        RespondToAuthChallengeResponse signedIn = answer("SMS_MFA", challenge.session(), "sid", "SMS_MFA_CODE", sms.code());
        assertThat(signedIn.authenticationResult().accessToken()).isNotBlank();
        assertThat(outcomes("sid").get(0)).as("AdminListUserAuthEvents: the password and the MFA code checked")
                .isEqualTo("SignIn/Pass [Password/Success, Mfa/Success]");
        assertThatThrownBy(() -> answer("SMS_MFA", challenge.session(), "sid", "SMS_MFA_CODE", sms.code()))
                .as("the session and its code are used once").isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Invalid session for the user, session is expired.");
    }

    @Test
    void adminFlowsAndANewPasswordContinueWithSmsMfa() {
        poolMfa(UserPoolMfaType.ON, true, false, false);
        user("ada", false, true);

        AdminInitiateAuthResponse newPassword = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "ada", "PASSWORD", "Temporary-Pass-1")));
        assertThat(newPassword.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        var sms = cognito.adminRespondToAuthChallenge(r -> r.userPoolId(poolId).clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(newPassword.session())
                .challengeResponses(Map.of("USERNAME", "ada", "NEW_PASSWORD", PASSWORD)));
        assertThat(sms.challengeName()).as("MFA ON: a user with a phone number gets SMS codes").isEqualTo(ChallengeNameType.SMS_MFA);
        String code = latestTo(PHONE).code();
        var signedIn = cognito.adminRespondToAuthChallenge(r -> r.userPoolId(poolId).clientId(clientId).challengeName(ChallengeNameType.SMS_MFA)
                .session(sms.session()).challengeResponses(Map.of("USERNAME", "ada", "SMS_MFA_CODE", code)));
        assertThat(signedIn.authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void emailMfaSendsTheCodeByMailWithThePoolsSubjectAndMessage() {
        poolMfa(UserPoolMfaType.OPTIONAL, false, true, false);
        user("eve", true, false);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("eve").emailMfaSettings(s -> s.enabled(true).preferredMfa(true)));

        InitiateAuthResponse challenge = passwordAuth(clientId, "eve", PASSWORD);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.EMAIL_OTP);
        assertThat(challenge.challengeParameters()).containsEntry("CODE_DELIVERY_DELIVERY_MEDIUM", "EMAIL")
                .containsEntry("CODE_DELIVERY_DESTINATION", "e***@e***");
        Mailbox.Message mail = latestTo("eve@example.com");
        assertThat(mail.subject()).isEqualTo("Your sign-in code");
        assertThat(mail.text()).isEqualTo("Sign in with {####}");
        assertThat(answer("EMAIL_OTP", challenge.session(), "eve", "EMAIL_OTP_CODE", mail.code()).authenticationResult()).isNotNull();

        AdminGetUserResponse eve = cognito.adminGetUser(r -> r.userPoolId(poolId).username("eve"));
        assertThat(eve.userMFASettingList()).containsExactly("EMAIL_OTP");
        assertThat(eve.preferredMfaSetting()).isEqualTo("EMAIL_OTP");
    }

    @Test
    void severalMethodsWithoutAPreferenceAskTheUserToSelectOne() {
        poolMfa(UserPoolMfaType.OPTIONAL, true, true, false);
        user("sel", true, true);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("sel").smsMfaSettings(s -> s.enabled(true))
                .emailMfaSettings(s -> s.enabled(true)));

        InitiateAuthResponse select = passwordAuth(clientId, "sel", PASSWORD);
        assertThat(select.challengeName()).isEqualTo(ChallengeNameType.SELECT_MFA_TYPE);
        assertThat(select.challengeParameters()).containsEntry("MFAS_CAN_CHOOSE", "[\"SMS_MFA\",\"EMAIL_OTP\"]");
        assertThat(Mailbox.rawMessages(db, poolId)).as("no code before the choice").isEmpty();

        assertThatThrownBy(() -> answer("SELECT_MFA_TYPE", select.session(), "sel", "ANSWER", "SOFTWARE_TOKEN_MFA"))
                .isInstanceOf(InvalidParameterException.class);
        RespondToAuthChallengeResponse email = answer("SELECT_MFA_TYPE", select.session(), "sel", "ANSWER", "EMAIL_OTP");
        assertThat(email.challengeName()).as("the session survives a refused answer").isEqualTo(ChallengeNameType.EMAIL_OTP);
        String code = latestTo("sel@example.com").code();
        assertThat(answer("EMAIL_OTP", email.session(), "sel", "EMAIL_OTP_CODE", code).authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void mfaSetupWithEmailEnablesEmailMfaOnceTheCodeComesBack() {
        poolMfa(UserPoolMfaType.ON, false, true, true);
        user("set", true, false);

        InitiateAuthResponse setup = passwordAuth(clientId, "set", PASSWORD);
        assertThat(setup.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
        assertThat(setup.challengeParameters()).containsEntry("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]");
        assertThatThrownBy(() -> answer("MFA_SETUP", setup.session(), "set", "EMAIL", "not-an-address"))
                .isInstanceOf(InvalidParameterException.class);
        RespondToAuthChallengeResponse otp = answer("MFA_SETUP", setup.session(), "set", "EMAIL", "set@example.com");
        assertThat(otp.challengeName()).isEqualTo(ChallengeNameType.EMAIL_OTP);
        assertThat(otp.challengeParameters()).containsEntry("CODE_DELIVERY_DESTINATION", "s***@e***");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("set")).userMFASettingList())
                .as("nothing enabled before the code comes back").isNullOrEmpty();

        String code = latestTo("set@example.com").code();
        assertThat(answer("EMAIL_OTP", otp.session(), "set", "EMAIL_OTP_CODE", code).authenticationResult()).isNotNull();
        AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(poolId).username("set"));
        assertThat(user.preferredMfaSetting()).isEqualTo("EMAIL_OTP");
        assertThat(passwordAuth(clientId, "set", PASSWORD).challengeName()).isEqualTo(ChallengeNameType.EMAIL_OTP);
    }

    @Test
    void wrongCodesEndTheSessionAndCountTowardsTheLockout() {
        poolMfa(UserPoolMfaType.OPTIONAL, true, false, false);
        user("lee", true, true);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("lee").smsMfaSettings(s -> s.enabled(true).preferredMfa(true)));

        InitiateAuthResponse first = passwordAuth(clientId, "lee", PASSWORD);
        String right = latestTo(PHONE).code();
        String wrong = right.equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> answer("SMS_MFA", first.session(), "lee", "SMS_MFA_CODE", wrong))
                .isInstanceOf(CodeMismatchException.class).hasMessageStartingWith("Invalid code received for user");
        assertThat(outcomes("lee").get(0)).isEqualTo("SignIn/Fail [Password/Success, Mfa/Failure]");
        assertThatThrownBy(() -> answer("SMS_MFA", first.session(), "lee", "SMS_MFA_CODE", right))
                .as("a wrong code ends the session").isInstanceOf(NotAuthorizedException.class);

        for (int i = 1; i < 5; i++) {
            InitiateAuthResponse again = passwordAuth(clientId, "lee", PASSWORD);
            assertThatThrownBy(() -> answer("SMS_MFA", again.session(), "lee", "SMS_MFA_CODE", "12345"))
                    .isInstanceOf(CodeMismatchException.class);
        }
        assertThatThrownBy(() -> passwordAuth(clientId, "lee", PASSWORD)).as("five wrong codes lock the user")
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");
        // the lock (1 s) is long over, and five codes were sent: the next one waits for the send limit's next window
        clock.advance(Duration.ofMinutes(15));
        InitiateAuthResponse unlocked = passwordAuth(clientId, "lee", PASSWORD);
        assertThat(answer("SMS_MFA", unlocked.session(), "lee", "SMS_MFA_CODE", latestTo(PHONE).code()).authenticationResult()).isNotNull();
    }

    @Test
    void aCodeExpiresWithTheClientsAuthSessionValidity() {
        poolMfa(UserPoolMfaType.OPTIONAL, false, true, false);
        user("kim", true, false);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("kim").emailMfaSettings(s -> s.enabled(true).preferredMfa(true)));

        InitiateAuthResponse challenge = passwordAuth(clientId, "kim", PASSWORD);
        String code = latestTo("kim@example.com").code();
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        assertThatThrownBy(() -> answer("EMAIL_OTP", challenge.session(), "kim", "EMAIL_OTP_CODE", code))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
    }

    @Test
    void smsAndEmailMfaNeedTheUsersPhoneNumberAndEmail() {
        poolMfa(UserPoolMfaType.OPTIONAL, true, true, false);
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("bare").messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temporary-Pass-1"));

        assertThatThrownBy(() -> cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("bare")
                .smsMfaSettings(s -> s.enabled(true))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("User does not have delivery config set to turn on SMS_MFA");
        assertThatThrownBy(() -> cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("bare")
                .emailMfaSettings(s -> s.enabled(true).preferredMfa(true))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("User does not have delivery config set to turn on EMAIL_OTP");
        assertThatThrownBy(() -> cognito.adminSetUserSettings(r -> r.userPoolId(poolId).username("bare")
                .mfaOptions(o -> o.deliveryMedium("SMS").attributeName("phone_number"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("User does not have delivery config set to turn on SMS_MFA");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("bare")).userMFASettingList()).as("nothing changed").isNullOrEmpty();
    }
}
