package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MFAOptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signed-in user's actions (UpdateUserAttributes, DeleteUserAttributes, GetUserAttributeVerificationCode,
 * VerifyUserAttribute, DeleteUser, SetUserSettings, SetUserMFAPreference) through the AWS SDK for Java v2 with anonymous
 * credentials and an access token from USER_PASSWORD_AUTH.
 */
@QuarkusTest
class SignedInUserActionsTest extends CognitoIdpTest {

    private static final String PASSWORD = "Correct-Horse-9";

    @Inject
    Pool db;

    private CognitoIdentityProviderClient app;

    @BeforeEach
    void connectApp() {
        app = CognitoIdpClients.anonymous(endpoint);
    }

    @AfterEach
    void closeApp() {
        app.close();
    }

    private String pool(boolean verifyEmailBeforeUpdate) {
        return cognito.createUserPool(r -> {
            r.poolName("self-service " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL);
            if (verifyEmailBeforeUpdate) {
                r.userAttributeUpdateSettings(s -> s.attributesRequireVerificationBeforeUpdate(VerifiedAttributeType.EMAIL));
            }
        }).userPool().id();
    }

    private String client(String poolId, String... writeAttributes) {
        return cognito.createUserPoolClient(r -> {
            r.userPoolId(poolId).clientName("app").explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                    ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
            if (writeAttributes.length > 0) {
                r.writeAttributes(writeAttributes);
            }
        }).userPoolClient().clientId();
    }

    /** A confirmed user with a verified email, signed in: its access token. */
    private String signedIn(String poolId, String clientId, String username, AttributeType... more) {
        List<AttributeType> attributes = new java.util.ArrayList<>(List.of(attribute("email", username + "@example.com"),
                attribute("email_verified", "true")));
        attributes.addAll(List.of(more));
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS).userAttributes(attributes));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
        return app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD))).authenticationResult().accessToken();
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static String value(GetUserResponse user, String name) {
        return user.userAttributes().stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst().orElse(null);
    }

    @Test
    void updatesAttributesAndVerifiesAChangedEmailWithTheCodeSentToIt() {
        String poolId = pool(false);
        String token = signedIn(poolId, client(poolId), "alice");

        List<CodeDeliveryDetailsType> sent = app.updateUserAttributes(r -> r.accessToken(token)
                .userAttributes(attribute("email", "alice.new@example.org"), attribute("name", "Alice"))).codeDeliveryDetailsList();

        assertThat(sent).containsExactly(CodeDeliveryDetailsType.builder().destination("a***@e***").deliveryMedium(DeliveryMediumType.EMAIL)
                .attributeName("email").build());
        GetUserResponse user = app.getUser(r -> r.accessToken(token));
        assertThat(value(user, "email")).isEqualTo("alice.new@example.org");
        assertThat(value(user, "email_verified")).isEqualTo("false");
        assertThat(value(user, "name")).isEqualTo("Alice");
        Mailbox.Message mail = Mailbox.latest(db, poolId, "alice.new@example.org");
        assertThat(mail.purpose()).isEqualTo("CustomMessage_UpdateUserAttribute");
        assertThat(OutboxRows.forPool(db, poolId, "username")).extracting(OutboxRows.Row::type).contains(UserPoolEvents.USER_UPDATED.name());

        String wrong = mail.code().equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> app.verifyUserAttribute(r -> r.accessToken(token).attributeName("email").code(wrong)))
                .isInstanceOf(CodeMismatchException.class).hasMessageStartingWith("Invalid verification code provided, please try again.");
        app.verifyUserAttribute(r -> r.accessToken(token).attributeName("email").code(mail.code()));

        assertThat(value(app.getUser(r -> r.accessToken(token)), "email_verified")).isEqualTo("true");
        assertThatThrownBy(() -> app.verifyUserAttribute(r -> r.accessToken(token).attributeName("email").code(mail.code())))
                .as("a code works once").isInstanceOf(CodeMismatchException.class);
    }

    @Test
    void keepsTheOldEmailActiveUntilTheNewOneIsVerified() {
        String poolId = pool(true);
        String token = signedIn(poolId, client(poolId), "bob");

        List<CodeDeliveryDetailsType> sent = app.updateUserAttributes(r -> r.accessToken(token)
                .userAttributes(attribute("email", "robert@example.net"))).codeDeliveryDetailsList();

        assertThat(sent).extracting(CodeDeliveryDetailsType::attributeName, CodeDeliveryDetailsType::destination)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("email", "r***@e***"));
        GetUserResponse before = app.getUser(r -> r.accessToken(token));
        assertThat(value(before, "email")).as("the old value stays active").isEqualTo("bob@example.com");
        assertThat(value(before, "email_verified")).isEqualTo("true");
        assertThat(value(cognito.adminGetUser(r -> r.userPoolId(poolId).username("bob")).userAttributes(), "email"))
                .isEqualTo("bob@example.com");
        Mailbox.Message mail = Mailbox.latest(db, poolId, "robert@example.net");

        app.verifyUserAttribute(r -> r.accessToken(token).attributeName("email").code(mail.code()));

        GetUserResponse after = app.getUser(r -> r.accessToken(token));
        assertThat(value(after, "email")).isEqualTo("robert@example.net");
        assertThat(value(after, "email_verified")).isEqualTo("true");
        long pending = db.preparedQuery("SELECT count(*) FROM pending_user_attributes WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(pending).isZero();
    }

    private static String value(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst().orElse(null);
    }

    @Test
    void verifiesAPhoneNumberWithGetUserAttributeVerificationCode() {
        String poolId = pool(false);
        String token = signedIn(poolId, client(poolId), "carol", attribute("phone_number", "+15555550100"));

        CodeDeliveryDetailsType delivery = app.getUserAttributeVerificationCode(r -> r.accessToken(token).attributeName("phone_number"))
                .codeDeliveryDetails();

        assertThat(delivery).isEqualTo(CodeDeliveryDetailsType.builder().destination("+*******0100").deliveryMedium(DeliveryMediumType.SMS)
                .attributeName("phone_number").build());
        Mailbox.Message sms = Mailbox.latest(db, poolId, "+15555550100");
        assertThat(sms.purpose()).isEqualTo("CustomMessage_VerifyUserAttribute");
        db.preparedQuery("UPDATE verification_codes SET expires_at = now() - interval '1 second' WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThatThrownBy(() -> app.verifyUserAttribute(r -> r.accessToken(token).attributeName("phone_number").code(sms.code())))
                .isInstanceOf(ExpiredCodeException.class).hasMessageStartingWith("Invalid code provided, please request a code again.");

        app.getUserAttributeVerificationCode(r -> r.accessToken(token).attributeName("phone_number"));
        String fresh = Mailbox.latest(db, poolId, "+15555550100").code();
        String wrong = fresh.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> app.verifyUserAttribute(r -> r.accessToken(token).attributeName("phone_number").code(wrong)))
                    .isInstanceOf(CodeMismatchException.class);
        }
        assertThatThrownBy(() -> app.verifyUserAttribute(r -> r.accessToken(token).attributeName("phone_number").code(fresh)))
                .isInstanceOf(LimitExceededException.class).hasMessageStartingWith("Attempt limit exceeded, please try after some time.");

        app.getUserAttributeVerificationCode(r -> r.accessToken(token).attributeName("phone_number"));
        app.verifyUserAttribute(r -> r.accessToken(token).attributeName("phone_number").code(Mailbox.latest(db, poolId, "+15555550100").code()));
        assertThat(value(app.getUser(r -> r.accessToken(token)), "phone_number_verified")).isEqualTo("true");
        assertThatThrownBy(() -> app.getUserAttributeVerificationCode(r -> r.accessToken(token).attributeName("name")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void theClientsWriteAttributesLimitWhatTheUserWritesAndDeletes() {
        String poolId = pool(false);
        String token = signedIn(poolId, client(poolId, "name", "family_name"), "dave", attribute("name", "Dave"),
                attribute("family_name", "Jones"));

        assertThatThrownBy(() -> app.updateUserAttributes(r -> r.accessToken(token).userAttributes(attribute("email", "d@example.com"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("A client attempted to write unauthorized attribute");
        assertThatThrownBy(() -> app.deleteUserAttributes(r -> r.accessToken(token).userAttributeNames("email")))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("A client attempted to write unauthorized attribute");

        app.updateUserAttributes(r -> r.accessToken(token).userAttributes(attribute("name", "David")));
        app.deleteUserAttributes(r -> r.accessToken(token).userAttributeNames("family_name"));

        GetUserResponse user = app.getUser(r -> r.accessToken(token));
        assertThat(value(user, "name")).isEqualTo("David");
        assertThat(value(user, "family_name")).isNull();
        assertThat(value(user, "email")).isEqualTo("dave@example.com");
    }

    @Test
    void theAdminAttributeRulesApplyToTheUserToo() {
        String poolId = pool(false);
        String token = signedIn(poolId, client(poolId), "erin");

        assertThatThrownBy(() -> app.updateUserAttributes(r -> r.accessToken(token).userAttributes(attribute("custom:nope", "x"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("user.custom:nope: Attribute does not exist in the schema.");
        assertThatThrownBy(() -> app.updateUserAttributes(r -> r.accessToken(token).userAttributes(attribute("email_verified", "true"))))
                .as("a client without WriteAttributes may not verify an address").isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> app.deleteUserAttributes(r -> r.accessToken(token).userAttributeNames("sub")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Attribute cannot be updated.");
    }

    @Test
    void deleteUserRemovesTheUserAndItsTokenStopsWorking() {
        String poolId = pool(false);
        String token = signedIn(poolId, client(poolId), "frank");

        app.deleteUser(r -> r.accessToken(token));

        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("frank")))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> app.getUser(r -> r.accessToken(token)))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");
        assertThatThrownBy(() -> app.deleteUser(r -> r.accessToken(token)))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");
        assertThatThrownBy(() -> app.updateUserAttributes(r -> r.accessToken(token).userAttributes(attribute("name", "F"))))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");
        assertThat(OutboxRows.forPool(db, poolId, "username")).extracting(OutboxRows.Row::type).last()
                .isEqualTo(UserPoolEvents.USER_DELETED.name());
    }

    @Test
    void setsMfaPreferenceAndSettingsByTheAdminRules() {
        String poolId = pool(false);
        String token = signedIn(poolId, client(poolId), "grace", attribute("phone_number", "+15555550123"));

        app.setUserMFAPreference(r -> r.accessToken(token).smsMfaSettings(s -> s.enabled(true).preferredMfa(true))
                .emailMfaSettings(s -> s.enabled(true)));

        GetUserResponse user = app.getUser(r -> r.accessToken(token));
        assertThat(user.preferredMfaSetting()).isEqualTo("SMS_MFA");
        assertThat(user.userMFASettingList()).containsExactlyInAnyOrder("SMS_MFA", "EMAIL_OTP");
        assertThatThrownBy(() -> app.setUserMFAPreference(r -> r.accessToken(token).smsMfaSettings(s -> s.preferredMfa(true))
                .emailMfaSettings(s -> s.preferredMfa(true))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Only one MFA method can be preferred.");
        assertThatThrownBy(() -> app.setUserMFAPreference(r -> r.accessToken(token).softwareTokenMfaSettings(s -> s.enabled(true))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("User has not set up software token mfa");

        app.setUserSettings(r -> r.accessToken(token).mfaOptions(MFAOptionType.builder().deliveryMedium(DeliveryMediumType.SMS)
                .attributeName("phone_number").build()));

        assertThat(app.getUser(r -> r.accessToken(token)).mfaOptions()).containsExactly(MFAOptionType.builder()
                .deliveryMedium(DeliveryMediumType.SMS).attributeName("phone_number").build());
        assertThatThrownBy(() -> app.setUserSettings(r -> r.accessToken(token).mfaOptions(MFAOptionType.builder().deliveryMedium("FAX")
                .attributeName("phone_number").build())))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(OutboxRows.forPool(db, poolId, "username")).extracting(OutboxRows.Row::type).last()
                .isEqualTo(UserPoolEvents.USER_MFA_UPDATED.name());
    }

    @Test
    void everyActionRefusesARevokedOrForgedToken() {
        String poolId = pool(false);
        String token = signedIn(poolId, client(poolId), "heidi");
        app.globalSignOut(r -> r.accessToken(token));
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";

        for (String refused : List.of(token, forged)) {
            String message = refused.equals(token) ? "Access Token has been revoked" : "Invalid Access Token";
            List<ThrowingCallable> calls = List.of(
                    () -> app.updateUserAttributes(r -> r.accessToken(refused).userAttributes(attribute("name", "H"))),
                    () -> app.deleteUserAttributes(r -> r.accessToken(refused).userAttributeNames("name")),
                    () -> app.getUserAttributeVerificationCode(r -> r.accessToken(refused).attributeName("email")),
                    () -> app.verifyUserAttribute(r -> r.accessToken(refused).attributeName("email").code("123456")),
                    () -> app.changePassword(r -> r.accessToken(refused).previousPassword(PASSWORD).proposedPassword("Another-Pass-7")),
                    () -> app.deleteUser(r -> r.accessToken(refused)),
                    () -> app.setUserSettings(r -> r.accessToken(refused).mfaOptions(MFAOptionType.builder().deliveryMedium("SMS")
                            .attributeName("phone_number").build())),
                    () -> app.setUserMFAPreference(r -> r.accessToken(refused).emailMfaSettings(s -> s.enabled(true))));
            for (ThrowingCallable call : calls) {
                assertThatThrownBy(call).isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith(message);
            }
        }
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("heidi")).userAttributes())
                .extracting(AttributeType::name).doesNotContain("name");
    }
}
