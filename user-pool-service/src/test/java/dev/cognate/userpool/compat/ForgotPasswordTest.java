package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.password.PasswordHasher;
import dev.cognate.userpool.service.ClientAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ForgotPassword, ConfirmForgotPassword and AdminResetUserPassword's code, through the AWS SDK for Java v2. */
@QuarkusTest
class ForgotPasswordTest extends CognitoIdpTest {

    private static final String NEW_PASSWORD = "Brand-new#Pass2";

    @Inject
    Pool db;

    private CognitoIdentityProviderClient app;
    private String poolId;
    private String clientId;

    @BeforeEach
    void createPoolAndClient() {
        app = CognitoIdpClients.anonymous(endpoint);
        poolId = cognito.createUserPool(r -> r.poolName("recovery " + unique())).userPool().id();
        clientId = client(poolId, null);
    }

    @AfterEach
    void closeApp() {
        app.close();
    }

    private String client(String pool, PreventUserExistenceErrorTypes prevent) {
        return cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("app").preventUserExistenceErrors(prevent))
                .userPoolClient().clientId();
    }

    private void createUser(String pool, String username, AttributeType... attributes) {
        cognito.adminCreateUser(r -> r.userPoolId(pool).username(username).messageAction(MessageActionType.SUPPRESS).userAttributes(attributes));
        cognito.adminSetUserPassword(r -> r.userPoolId(pool).username(username).password("Old-pass#1234").permanent(true));
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private String passwordHash(String pool, String username) {
        String sub = cognito.adminGetUser(r -> r.userPoolId(pool).username(username)).userAttributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        return db.preparedQuery("SELECT password_hash FROM users WHERE user_pool_id = $1 AND sub = $2::uuid")
                .execute(Tuple.of(pool, sub)).await().indefinitely().iterator().next().getString(0);
    }

    @Test
    void resetsThePasswordWithTheCodeSentToTheVerifiedEmail() {
        createUser(poolId, "alice", attribute("email", "alice@example.com"), attribute("email_verified", "true"));

        CodeDeliveryDetailsType delivery = app.forgotPassword(r -> r.clientId(clientId).username("alice")).codeDeliveryDetails();

        assertThat(delivery).isEqualTo(CodeDeliveryDetailsType.builder().destination("a***@e***").deliveryMedium("EMAIL")
                .attributeName("email").build());
        Mailbox.Message mail = Mailbox.latest(db, poolId, "alice@example.com");
        assertThat(mail.purpose()).isEqualTo("CustomMessage_ForgotPassword");
        double lifetime = db.preparedQuery("SELECT extract(epoch FROM expires_at - created_at) FROM verification_codes WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely().iterator().next().getDouble(0);
        assertThat(lifetime).as("a reset code lives one hour").isEqualTo(3600.0);

        assertThatThrownBy(() -> app.confirmForgotPassword(r -> r.clientId(clientId).username("alice").confirmationCode(mail.code())
                        .password("weak")))
                .isInstanceOf(InvalidPasswordException.class).hasMessageContaining("Password did not conform with policy");
        app.confirmForgotPassword(r -> r.clientId(clientId).username("alice").confirmationCode(mail.code()).password(NEW_PASSWORD));

        String hash = passwordHash(poolId, "alice");
        assertThat(PasswordHasher.DEFAULT.verify(NEW_PASSWORD, hash)).isTrue();
        assertThat(PasswordHasher.DEFAULT.verify("Old-pass#1234", hash)).isFalse();
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("alice")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(OutboxRows.forPool(db, poolId, "username")).extracting(OutboxRows.Row::type).last()
                .isEqualTo(UserPoolEvents.USER_PASSWORD_SET.name());
        assertThatThrownBy(() -> app.confirmForgotPassword(r -> r.clientId(clientId).username("alice").confirmationCode(mail.code())
                        .password("Another#Pass3")))
                .as("a code works once").isInstanceOf(CodeMismatchException.class);
    }

    @Test
    void refusesWrongExpiredAndOverusedCodesWithoutChangingThePassword() {
        createUser(poolId, "bob", attribute("email", "bob@example.com"), attribute("email_verified", "true"));
        String before = passwordHash(poolId, "bob");
        app.forgotPassword(r -> r.clientId(clientId).username("bob"));
        String code = Mailbox.latest(db, poolId, "bob@example.com").code();
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> app.confirmForgotPassword(r -> r.clientId(clientId).username("bob").confirmationCode(wrong)
                    .password(NEW_PASSWORD)))
                    .isInstanceOf(CodeMismatchException.class).hasMessageContaining("Invalid verification code provided, please try again.");
        }
        assertThatThrownBy(() -> app.confirmForgotPassword(r -> r.clientId(clientId).username("bob").confirmationCode(code).password(NEW_PASSWORD)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("Attempt limit exceeded, please try after some time.");

        app.forgotPassword(r -> r.clientId(clientId).username("bob"));
        String fresh = Mailbox.latest(db, poolId, "bob@example.com").code();
        db.preparedQuery("UPDATE verification_codes SET expires_at = now() - interval '1 second' WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThatThrownBy(() -> app.confirmForgotPassword(r -> r.clientId(clientId).username("bob").confirmationCode(fresh).password(NEW_PASSWORD)))
                .isInstanceOf(ExpiredCodeException.class).hasMessageContaining("Invalid code provided, please request a code again.");
        assertThat(passwordHash(poolId, "bob")).isEqualTo(before);
    }

    @Test
    void followsTheRecoverySettingAndRefusesUsersWithNothingVerified() {
        String pool = cognito.createUserPool(r -> r.poolName("recovery-order " + unique()).accountRecoverySetting(s -> s.recoveryMechanisms(
                m -> m.name(RecoveryOptionNameType.VERIFIED_EMAIL).priority(2),
                m -> m.name(RecoveryOptionNameType.VERIFIED_PHONE_NUMBER).priority(1)))).userPool().id();
        String client = client(pool, null);
        createUser(pool, "carol", attribute("email", "carol@example.com"), attribute("email_verified", "true"),
                attribute("phone_number", "+15555550123"), attribute("phone_number_verified", "true"));
        createUser(pool, "dan", attribute("email", "dan@example.com"), attribute("email_verified", "true"),
                attribute("phone_number", "+15555550124"));
        createUser(pool, "erin", attribute("email", "erin@example.com"));

        assertThat(app.forgotPassword(r -> r.clientId(client).username("carol")).codeDeliveryDetails()).isEqualTo(CodeDeliveryDetailsType.builder()
                .destination("+*******0123").deliveryMedium("SMS").attributeName("phone_number").build());
        assertThat(app.forgotPassword(r -> r.clientId(client).username("dan")).codeDeliveryDetails().attributeName())
                .as("an unverified phone number is skipped").isEqualTo("email");
        assertThatThrownBy(() -> app.forgotPassword(r -> r.clientId(client).username("erin")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Cannot reset password for the user as there is no registered/verified email or phone_number");
    }

    @Test
    void adminOnlyRecoveryRefusesSelfServiceResets() {
        String pool = cognito.createUserPool(r -> r.poolName("admin-only " + unique()).accountRecoverySetting(s -> s.recoveryMechanisms(
                m -> m.name(RecoveryOptionNameType.ADMIN_ONLY).priority(1)))).userPool().id();
        String client = client(pool, null);
        createUser(pool, "fay", attribute("email", "fay@example.com"), attribute("email_verified", "true"));

        assertThatThrownBy(() -> app.forgotPassword(r -> r.clientId(client).username("fay")))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Cannot reset password for the user as there is no registered/verified email or phone_number");
        assertThatThrownBy(() -> app.forgotPassword(r -> r.clientId(client).username("nobody")))
                .as("the same for unknown users").isInstanceOf(NotAuthorizedException.class);
        assertThat(Mailbox.codes(db, pool)).isEmpty();
    }

    @Test
    void adminResetUserPasswordSendsACodeThatConfirmForgotPasswordCompletes() {
        createUser(poolId, "gus", attribute("email", "gus@example.com"), attribute("email_verified", "true"));

        cognito.adminResetUserPassword(r -> r.userPoolId(poolId).username("gus"));

        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("gus")).userStatus()).isEqualTo(UserStatusType.RESET_REQUIRED);
        Mailbox.Message mail = Mailbox.latest(db, poolId, "gus@example.com");
        assertThat(mail.purpose()).isEqualTo("CustomMessage_ForgotPassword");
        app.confirmForgotPassword(r -> r.clientId(clientId).username("gus").confirmationCode(mail.code()).password(NEW_PASSWORD));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("gus")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(PasswordHasher.DEFAULT.verify(NEW_PASSWORD, passwordHash(poolId, "gus"))).isTrue();
    }

    @Test
    void limitsResetCodesToFiveAnHour() {
        createUser(poolId, "hal", attribute("email", "hal@example.com"), attribute("email_verified", "true"));
        for (int i = 0; i < 5; i++) {
            app.forgotPassword(r -> r.clientId(clientId).username("hal"));
        }
        assertThatThrownBy(() -> app.forgotPassword(r -> r.clientId(clientId).username("hal")))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("Attempt limit exceeded, please try after some time.");
        assertThat(Mailbox.codes(db, poolId)).hasSize(5);
    }

    @Test
    void checksTheSecretHash() {
        var created = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("confidential").generateSecret(true)).userPoolClient();
        createUser(poolId, "ivy", attribute("email", "ivy@example.com"), attribute("email_verified", "true"));
        assertThatThrownBy(() -> app.forgotPassword(r -> r.clientId(created.clientId()).username("ivy")))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("is configured with secret but SECRET_HASH was not received");
        app.forgotPassword(r -> r.clientId(created.clientId()).username("ivy")
                .secretHash(ClientAuthenticator.secretHash(created.clientSecret(), "ivy", created.clientId())));
        assertThat(Mailbox.codes(db, poolId)).hasSize(1);
    }

    @Test
    void hidesWhetherAUserExistsUnlessTheClientIsLegacy() {
        CodeDeliveryDetailsType simulated = app.forgotPassword(r -> r.clientId(clientId).username("ghost@example.com")).codeDeliveryDetails();
        assertThat(simulated.destination()).isEqualTo("g***@e***");
        assertThat(simulated.deliveryMedium().toString()).isEqualTo("EMAIL");
        assertThat(app.forgotPassword(r -> r.clientId(clientId).username("ghost")).codeDeliveryDetails().deliveryMedium().toString())
                .as("a pool without AccountRecoverySetting prefers the phone number, as Cognito").isEqualTo("SMS");
        assertThatThrownBy(() -> app.confirmForgotPassword(r -> r.clientId(clientId).username("ghost").confirmationCode("123456")
                        .password(NEW_PASSWORD)))
                .isInstanceOf(CodeMismatchException.class);
        assertThat(Mailbox.codes(db, poolId)).isEmpty();

        String legacy = client(poolId, PreventUserExistenceErrorTypes.LEGACY);
        assertThatThrownBy(() -> app.forgotPassword(r -> r.clientId(legacy).username("ghost")))
                .isInstanceOf(UserNotFoundException.class).hasMessageContaining("Username/client id combination not found.");
        assertThatThrownBy(() -> app.confirmForgotPassword(r -> r.clientId(legacy).username("ghost").confirmationCode("123456")
                        .password(NEW_PASSWORD)))
                .isInstanceOf(UserNotFoundException.class).hasMessageContaining("Username/client id combination not found.");
    }

    @Test
    void refusesDisabledUsersAndBadParameters() {
        createUser(poolId, "jay", attribute("email", "jay@example.com"), attribute("email_verified", "true"));
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("jay"));
        assertThatThrownBy(() -> app.forgotPassword(r -> r.clientId(clientId).username("jay")))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("User is disabled.");
        assertThatThrownBy(() -> app.confirmForgotPassword(r -> r.clientId(clientId).username("jay").confirmationCode("123456")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value null at 'password' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> app.forgotPassword(r -> r.clientId(clientId).username("")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
}
