package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.api.HostedUiApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthEventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EventResponseType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MFA steps Cognate cannot complete fail closed, through InitiateAuth / AdminInitiateAuth (AWS SDK for Java v2) and
 * the hosted login's internal API alike (one engine), never completed with tokens: MFA required in a pool that offers
 * nothing a user without a phone number can set up (SMS MFA only), an SMS or email method whose phone number or email
 * is gone, and on the hosted login every step but SOFTWARE_TOKEN_MFA (its pages have no SMS, email or set-up page in
 * this branch); a pool with MFA OFF, or OPTIONAL for a user without a factor, is not affected.
 */
@QuarkusTest
class MfaFailClosedTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final String SNS_ROLE = "arn:aws:iam::123456789012:role/cognito-sms";

    @Inject
    Pool db;

    private CognitoIdentityProviderClient anonymous;
    private String poolId;
    private String apiClient;
    private String hostedClient;

    @BeforeEach
    void createPoolAndClients() {
        anonymous = CognitoIdpClients.anonymous(endpoint);
        poolId = newPool("mfa");
        apiClient = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("api")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
        hostedClient = HostedUiApi.hostedClient(cognito, poolId, null);
    }

    @AfterEach
    void closeAnonymous() {
        anonymous.close();
    }

    private void createUser(String username, boolean permanent) {
        createUser(username, permanent, true);
    }

    private void createUser(String username, boolean permanent, boolean withPhone) {
        List<AttributeType> attributes = new java.util.ArrayList<>(List.of(attribute("email", username + "@example.com"),
                attribute("email_verified", "true")));
        if (withPhone) {
            attributes.add(attribute("phone_number", "+15555550100"));
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

    private InitiateAuthResponse apiSignIn(String username, String password) {
        return anonymous.initiateAuth(r -> r.clientId(apiClient).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    private Response hostedSignIn(String username, String password) {
        return HostedUiApi.post(hostedClient, "sign-in", Map.of("username", username, "password", password));
    }

    private void assertRefusedFor(String username, String password, String message) {
        assertThatThrownBy(() -> apiSignIn(username, password))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith(message);
        assertThatThrownBy(() -> cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(apiClient)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", username, "PASSWORD", password))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith(message);
        Response hosted = hostedSignIn(username, password);
        assertThat(hosted.statusCode()).as(hosted.asString()).isEqualTo(400);
        assertThat(hosted.jsonPath().getMap("$")).isEqualTo(Map.of("__type", "NotAuthorizedException", "message", message));

        List<AuthEventType> events = cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username(username)).authEvents();
        assertThat(events).hasSize(3).allSatisfy(event -> {
            assertThat(event.eventTypeAsString()).isEqualTo("SignIn");
            assertThat(event.eventResponse()).isEqualTo(EventResponseType.FAIL);
        });
        assertThat(OutboxRows.forPool(db, poolId, "reason")).filteredOn(row -> row.type().equals(UserPoolEvents.USER_SIGN_IN_FAILED.name()))
                .extracting(OutboxRows.Row::subjectOfData).containsOnly("mfa_not_supported");
    }

    private static final String NOTHING_TO_SET_UP = "This sign-in requires multi-factor authentication (MFA_SETUP), but the user pool"
            + " offers no method this user can set up (a software token or email MFA); the sign-in is refused.";

    @Test
    void aPoolWithOnlySmsMfaOnRefusesAUserWithoutAPhoneNumberInsteadOfIssuingTokens() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .smsMfaConfiguration(s -> s.smsAuthenticationMessage("Your code is {####}").smsConfiguration(c -> c.snsCallerArn(SNS_ROLE))));
        createUser("olga", true, false);

        assertRefusedFor("olga", PASSWORD, NOTHING_TO_SET_UP);
        assertThat(Mailbox.rawMessages(db, poolId)).as("no code sent").isEmpty();
    }

    @Test
    void aPoolWithOnlySmsMfaOnRefusesATemporaryPasswordBeforeAnythingChanges() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .smsMfaConfiguration(s -> s.smsAuthenticationMessage("Your code is {####}").smsConfiguration(c -> c.snsCallerArn(SNS_ROLE))));
        createUser("pia", false, false);

        assertThatThrownBy(() -> apiSignIn("pia", "Temporary-Pass-1"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith(NOTHING_TO_SET_UP);
        assertThat(hostedSignIn("pia", "Temporary-Pass-1").jsonPath().getString("__type")).isEqualTo("NotAuthorizedException");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("pia")).userStatus())
                .isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
    }

    @Test
    void aUserWhosePhoneNumberIsGoneIsRefusedRatherThanSignedInWithoutItsFactor() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .smsMfaConfiguration(s -> s.smsAuthenticationMessage("Your code is {####}").smsConfiguration(c -> c.snsCallerArn(SNS_ROLE))));
        createUser("sam", true);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("sam").smsMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        cognito.adminDeleteUserAttributes(r -> r.userPoolId(poolId).username("sam").userAttributeNames("phone_number"));

        assertRefusedFor("sam", PASSWORD, "This sign-in requires multi-factor authentication (SMS_MFA), but the user has no phone_number"
                + " to send the code to; the sign-in is refused.");
    }

    @Test
    void theHostedLoginAsksSmsAndEmailCodesAsTheApiDoes() {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .smsMfaConfiguration(s -> s.smsAuthenticationMessage("Your code is {####}").smsConfiguration(c -> c.snsCallerArn(SNS_ROLE)))
                .emailMfaConfiguration(e -> e.subject("Sign-in code").message("Your code is {####}")));
        createUser("sam", true);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("sam").smsMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        createUser("eve", true);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("eve").emailMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        createUser("nina", true);

        Response sam = hostedSignIn("sam", PASSWORD);
        assertThat(sam.statusCode()).isEqualTo(200);
        assertThat(sam.jsonPath().getString("challengeName")).isEqualTo("SMS_MFA");
        assertThat(sam.jsonPath().getString("parameters.CODE_DELIVERY_DELIVERY_MEDIUM")).isEqualTo("SMS");
        Response eve = hostedSignIn("eve", PASSWORD);
        assertThat(eve.jsonPath().getString("challengeName")).isEqualTo("EMAIL_OTP");
        assertThat(eve.jsonPath().getString("parameters.CODE_DELIVERY_DELIVERY_MEDIUM")).isEqualTo("EMAIL");
        assertThat(hostedSignIn("nina", PASSWORD).jsonPath().getString("signedIn.username")).as("no factor: optional MFA asks nothing")
                .isEqualTo("nina");
    }

    @Test
    void aPoolWithMfaOffIgnoresTheUsersPreferences() {
        createUser("otto", true);
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("otto").smsMfaSettings(s -> s.enabled(true).preferredMfa(true)));

        assertThat(apiSignIn("otto", PASSWORD).authenticationResult().accessToken()).isNotBlank();
        assertThat(hostedSignIn("otto", PASSWORD).jsonPath().getString("signedIn.username")).isEqualTo("otto");
    }
}
