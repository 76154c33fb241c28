package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.crypto.VerificationCodeHasher;
import dev.cognate.userpool.domain.CodePurpose;
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
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SignUp, ConfirmSignUp and ResendConfirmationCode as an app calls them: the AWS SDK for Java v2 without credentials. */
@QuarkusTest
class SignUpTest extends CognitoIdpTest {

    private static final String PASSWORD = "Sign-up#Pass1";

    @Inject
    Pool db;

    /** The app's own client: no AWS credentials. */
    private CognitoIdentityProviderClient app;
    private String poolId;
    private String clientId;

    @BeforeEach
    void createPoolAndClient() {
        app = CognitoIdpClients.anonymous(endpoint);
        poolId = cognito.createUserPool(r -> r.poolName("signup " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool().id();
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

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private SignUpResponse signUp(String username, AttributeType... attributes) {
        return app.signUp(r -> r.clientId(clientId).username(username).password(PASSWORD).userAttributes(attributes));
    }

    private Map<String, String> attributesOf(String pool, String username) {
        return cognito.adminGetUser(r -> r.userPoolId(pool).username(username)).userAttributes().stream()
                .collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }

    private UserStatusType statusOf(String pool, String username) {
        return cognito.adminGetUser(r -> r.userPoolId(pool).username(username)).userStatus();
    }

    @Test
    void signsUpAnUnconfirmedUserAndSendsTheCodeByEmailSealed() {
        SignUpResponse response = signUp("alice", attribute("email", "alice@example.com"), attribute("given_name", "Alice"));

        assertThat(response.userConfirmed()).isFalse();
        assertThat(response.userSub()).isEqualTo(attributesOf(poolId, "alice").get("sub"));
        assertThat(response.codeDeliveryDetails()).isEqualTo(CodeDeliveryDetailsType.builder()
                .destination("a***@e***").deliveryMedium("EMAIL").attributeName("email").build());
        assertThat(statusOf(poolId, "alice")).isEqualTo(UserStatusType.UNCONFIRMED);

        Mailbox.Message mail = Mailbox.latest(db, poolId, "alice@example.com");
        assertThat(mail.purpose()).isEqualTo("CustomMessage_SignUp");
        assertThat(mail.medium()).isEqualTo("EMAIL");
        assertThat(mail.code()).matches("[0-9]{6}");
        assertThat(mail.subject()).isEqualTo("Your verification code");
        assertThat(mail.text()).isEqualTo("Your verification code is {####}.");
        assertThat(Mailbox.rawMessages(db, poolId)).noneMatch(raw -> raw.contains("\"" + mail.code() + "\"") || raw.contains(PASSWORD));
        String hash = db.preparedQuery("SELECT password_hash FROM users WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getString(0);
        assertThat(PasswordHasher.DEFAULT.verify(PASSWORD, hash)).isTrue();

        app.confirmSignUp(r -> r.clientId(clientId).username("alice").confirmationCode(mail.code()));

        assertThat(statusOf(poolId, "alice")).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(attributesOf(poolId, "alice")).containsEntry("email_verified", "true");
        assertThat(OutboxRows.forPool(db, poolId, "username")).filteredOn(row -> row.type().contains(".user."))
                .extracting(OutboxRows.Row::type)
                .containsExactly(UserPoolEvents.USER_SIGNED_UP.name(), UserPoolEvents.USER_CONFIRMED.name());
        assertThat(countRows("verification_codes")).as("a used code is gone").isZero();
    }

    @Test
    void emailAsUsernamePoolsStoreTheSubAsUsernameAndConfirmByEmail() {
        String pool = cognito.createUserPool(r -> r.poolName("email-username " + unique()).usernameAttributes(UsernameAttributeType.EMAIL)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
        String client = client(pool, null);

        SignUpResponse response = app.signUp(r -> r.clientId(client).username("Bob@Example.com").password(PASSWORD));

        assertThat(response.codeDeliveryDetails().destination()).isEqualTo("B***@E***");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("bob@example.com")).username()).isEqualTo(response.userSub());
        assertThatThrownBy(() -> app.signUp(r -> r.clientId(client).username("bob@example.com").password(PASSWORD)))
                .isInstanceOf(UsernameExistsException.class).hasMessageContaining("An account with the given email already exists.");
        assertThatThrownBy(() -> app.signUp(r -> r.clientId(client).username("bob").password(PASSWORD)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Username should be an email.");

        String code = Mailbox.latest(db, pool, "Bob@Example.com").code();
        app.confirmSignUp(r -> r.clientId(client).username("bob@example.com").confirmationCode(code));
        assertThat(statusOf(pool, response.userSub())).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(attributesOf(pool, response.userSub())).containsEntry("email_verified", "true").containsEntry("email", "Bob@Example.com");
    }

    @Test
    void withoutAutoVerifiedAttributesNoCodeIsSentAndTheUserWaitsForAnAdmin() {
        String pool = cognito.createUserPool(r -> r.poolName("no-verify " + unique())).userPool().id();
        String client = client(pool, null);

        SignUpResponse response = app.signUp(r -> r.clientId(client).username("carol").password(PASSWORD)
                .userAttributes(attribute("email", "carol@example.com")));

        assertThat(response.userConfirmed()).isFalse();
        assertThat(response.codeDeliveryDetails()).isNull();
        assertThat(Mailbox.codes(db, pool)).isEmpty();
        assertThatThrownBy(() -> app.resendConfirmationCode(r -> r.clientId(client).username("carol")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Cannot resend codes. Auto verification not turned on.");
        cognito.adminConfirmSignUp(r -> r.userPoolId(pool).username("carol"));
        assertThat(statusOf(pool, "carol")).isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void sendsBySmsWhenPhoneNumberIsAutoVerifiedToo() {
        String pool = cognito.createUserPool(r -> r.poolName("sms " + unique())
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL, VerifiedAttributeType.PHONE_NUMBER)).userPool().id();
        String client = client(pool, null);

        SignUpResponse response = app.signUp(r -> r.clientId(client).username("dan").password(PASSWORD)
                .userAttributes(attribute("email", "dan@example.com"), attribute("phone_number", "+15555550100")));

        assertThat(response.codeDeliveryDetails()).isEqualTo(CodeDeliveryDetailsType.builder()
                .destination("+*******0100").deliveryMedium("SMS").attributeName("phone_number").build());
        String code = Mailbox.latest(db, pool, "+15555550100").code();
        app.confirmSignUp(r -> r.clientId(client).username("dan").confirmationCode(code));
        assertThat(attributesOf(pool, "dan")).containsEntry("phone_number_verified", "true").doesNotContainKey("email_verified");
    }

    @Test
    void checksTheSecretHashOfAClientWithASecret() {
        var created = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("confidential").generateSecret(true)).userPoolClient();
        String right = ClientAuthenticator.secretHash(created.clientSecret(), "erin", created.clientId());

        assertThatThrownBy(() -> app.signUp(r -> r.clientId(created.clientId()).username("erin").password(PASSWORD)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Client " + created.clientId() + " is configured with secret but SECRET_HASH was not received");
        assertThatThrownBy(() -> app.signUp(r -> r.clientId(created.clientId()).username("erin").password(PASSWORD)
                        .secretHash(ClientAuthenticator.secretHash(created.clientSecret(), "someone-else", created.clientId()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("Unable to verify secret hash for client " + created.clientId());
        assertThat(cognito.listUsers(r -> r.userPoolId(poolId)).users()).isEmpty();

        app.signUp(r -> r.clientId(created.clientId()).username("erin").password(PASSWORD).secretHash(right)
                .userAttributes(attribute("email", "erin@example.com")));
        String code = Mailbox.latest(db, poolId, "erin@example.com").code();
        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(created.clientId()).username("erin").confirmationCode(code)))
                .isInstanceOf(NotAuthorizedException.class);
        app.confirmSignUp(r -> r.clientId(created.clientId()).username("erin").confirmationCode(code).secretHash(right));
        assertThat(statusOf(poolId, "erin")).isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void refusesAWrongCodeAnExpiredCodeAndAReusedCode() {
        signUp("fay", attribute("email", "fay@example.com"));
        String code = Mailbox.latest(db, poolId, "fay@example.com").code();
        String wrong = code.equals("000000") ? "111111" : "000000";

        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("fay").confirmationCode(wrong)))
                .isInstanceOf(CodeMismatchException.class).hasMessageContaining("Invalid verification code provided, please try again.");
        assertThat(statusOf(poolId, "fay")).isEqualTo(UserStatusType.UNCONFIRMED);

        db.preparedQuery("UPDATE verification_codes SET expires_at = now() - interval '1 second' WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely();
        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("fay").confirmationCode(code)))
                .isInstanceOf(ExpiredCodeException.class).hasMessageContaining("Invalid code provided, please request a code again.");

        app.resendConfirmationCode(r -> r.clientId(clientId).username("fay"));
        String fresh = Mailbox.latest(db, poolId, "fay@example.com").code();
        app.confirmSignUp(r -> r.clientId(clientId).username("fay").confirmationCode(fresh));
        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("fay").confirmationCode(fresh)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("User cannot be confirmed. Current status is CONFIRMED");
    }

    @Test
    void aSignUpCodeLivesTwentyFourHoursAndIsStoredOnlyAsAKeyedHash() {
        signUp("gus", attribute("email", "gus@example.com"));
        String code = Mailbox.latest(db, poolId, "gus@example.com").code();
        var row = db.preparedQuery("SELECT extract(epoch FROM expires_at - created_at), code_hash, salt, purpose, attribute_name, sub"
                        + " FROM verification_codes WHERE user_pool_id = $1").execute(Tuple.of(poolId)).await().indefinitely().iterator().next();
        assertThat(row.getDouble(0)).isEqualTo(24 * 3600.0);
        assertThat(row.getString(3)).isEqualTo("SIGN_UP");
        assertThat(row.getString(4)).isEqualTo("email");
        byte[] salt = row.getBuffer(2).getBytes();
        assertThat(salt).hasSize(16);
        VerificationCodeHasher hasher = new VerificationCodeHasher(
                java.util.Optional.of(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("cognate.master-key", String.class)));
        assertThat(row.getBuffer(1).getBytes()).as("HMAC under the master key's derived key")
                .isEqualTo(hasher.hash(salt, poolId, row.getUUID(5), CodePurpose.SIGN_UP, "gus@example.com", code))
                .isNotEqualTo(new VerificationCodeHasher(java.util.Optional.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
                        .hash(salt, poolId, row.getUUID(5), CodePurpose.SIGN_UP, "gus@example.com", code));
    }

    @Test
    void aCodeSentToAnAddressTheUserNoLongerHasDoesNotVerifyTheNewOne() {
        signUp("oli", attribute("email", "oli@example.com"));
        String code = Mailbox.latest(db, poolId, "oli@example.com").code();
        cognito.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username("oli").userAttributes(attribute("email", "other@example.com")));

        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("oli").confirmationCode(code)))
                .isInstanceOf(CodeMismatchException.class);
        app.resendConfirmationCode(r -> r.clientId(clientId).username("oli"));
        String fresh = Mailbox.latest(db, poolId, "other@example.com").code();
        app.confirmSignUp(r -> r.clientId(clientId).username("oli").confirmationCode(fresh));
        assertThat(attributesOf(poolId, "oli")).containsEntry("email", "other@example.com").containsEntry("email_verified", "true");
    }

    @Test
    void killsACodeAfterFiveWrongTries() {
        signUp("hal", attribute("email", "hal@example.com"));
        String code = Mailbox.latest(db, poolId, "hal@example.com").code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("hal").confirmationCode(wrong)))
                    .isInstanceOf(CodeMismatchException.class);
        }
        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("hal").confirmationCode(code)))
                .as("even the right code no longer works").isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Attempt limit exceeded, please try after some time.");

        app.resendConfirmationCode(r -> r.clientId(clientId).username("hal"));
        String fresh = Mailbox.latest(db, poolId, "hal@example.com").code();
        app.confirmSignUp(r -> r.clientId(clientId).username("hal").confirmationCode(fresh));
        assertThat(statusOf(poolId, "hal")).isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void concurrentWrongCodesAndResendsCannotPassTheLimits() throws Exception {
        signUp("kim", attribute("email", "kim@example.com"));
        String code = Mailbox.latest(db, poolId, "kim@example.com").code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        try (CognitoIdentityProviderClient racer = Race.clientWithoutRetries(endpoint)) {
            long mismatches = Race.run(12, i -> {
                try {
                    racer.confirmSignUp(r -> r.clientId(clientId).username("kim").confirmationCode(wrong));
                    throw new AssertionError("a wrong code was accepted");
                } catch (CodeMismatchException e) {
                    return true;
                } catch (LimitExceededException e) {
                    return false;
                }
            });
            assertThat(mismatches).as("each wrong try counted once, under the code row's lock").isEqualTo(5);

            long sent = Race.run(10, i -> {
                try {
                    racer.resendConfirmationCode(r -> r.clientId(clientId).username("kim"));
                    return true;
                } catch (LimitExceededException e) {
                    return false;
                }
            });
            assertThat(sent).as("the sign-up's code and four resends").isEqualTo(4);
        }
        assertThat(Mailbox.codes(db, poolId)).hasSize(5);
    }

    @Test
    void resendingInvalidatesThePreviousCodeAndIsLimitedToFiveCodesAnHour() {
        var first = signUp("ivy", attribute("email", "ivy@example.com"));
        String old = Mailbox.latest(db, poolId, "ivy@example.com").code();

        var resent = app.resendConfirmationCode(r -> r.clientId(clientId).username("ivy"));
        assertThat(resent.codeDeliveryDetails()).isEqualTo(first.codeDeliveryDetails());
        String fresh = Mailbox.latest(db, poolId, "ivy@example.com").code();
        if (!fresh.equals(old)) {
            assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("ivy").confirmationCode(old)))
                    .isInstanceOf(CodeMismatchException.class);
        }
        app.resendConfirmationCode(r -> r.clientId(clientId).username("ivy"));
        app.resendConfirmationCode(r -> r.clientId(clientId).username("ivy"));
        app.resendConfirmationCode(r -> r.clientId(clientId).username("ivy"));
        assertThatThrownBy(() -> app.resendConfirmationCode(r -> r.clientId(clientId).username("ivy")))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("Attempt limit exceeded, please try after some time.");
        assertThat(Mailbox.codes(db, poolId)).hasSize(5);

        db.preparedQuery("UPDATE verification_code_sends SET window_started_at = now() - interval '61 minutes' WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely();
        app.resendConfirmationCode(r -> r.clientId(clientId).username("ivy"));
        String last = Mailbox.latest(db, poolId, "ivy@example.com").code();
        app.confirmSignUp(r -> r.clientId(clientId).username("ivy").confirmationCode(last));
        assertThat(statusOf(poolId, "ivy")).isEqualTo(UserStatusType.CONFIRMED);

        assertThatThrownBy(() -> app.resendConfirmationCode(r -> r.clientId(clientId).username("ivy")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("User is already confirmed.");
    }

    @Test
    void refusesDuplicatesWeakPasswordsAndAttributesOutsideTheSchema() {
        signUp("jay");
        assertThatThrownBy(() -> signUp("jay")).isInstanceOf(UsernameExistsException.class).hasMessageContaining("User already exists");
        assertThatThrownBy(() -> app.signUp(r -> r.clientId(clientId).username("kai").password("short")))
                .isInstanceOf(InvalidPasswordException.class).hasMessageContaining("Password did not conform with policy: Password not long enough");
        assertThatThrownBy(() -> app.signUp(r -> r.clientId(clientId).username("kai").password("alllowercase1!")))
                .isInstanceOf(InvalidPasswordException.class).hasMessageContaining("Password must have uppercase characters");
        assertThatThrownBy(() -> signUp("kai", attribute("custom:nope", "x")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("custom:nope: Attribute does not exist in the schema.");
        assertThatThrownBy(() -> signUp("kai", attribute("email", "not-an-email")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid email address format.");
        assertThatThrownBy(() -> app.signUp(r -> r.clientId("unknownclient0000000000000").username("kai").password(PASSWORD)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool client unknownclient0000000000000 does not exist.");
        assertThat(cognito.listUsers(r -> r.userPoolId(poolId)).users()).hasSize(1);
    }

    @Test
    void answersAwsValidationErrorsForBadParameters() {
        assertThatThrownBy(() -> app.signUp(r -> r.clientId(clientId).username("bad name").password(PASSWORD)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("1 validation error detected: Value 'bad name' at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> app.signUp(r -> r.clientId("bad client!").username("x").password(PASSWORD)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at 'clientId' failed to satisfy constraint");
        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("x").confirmationCode("has space")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at 'confirmationCode' failed to satisfy constraint");
        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("x")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value null at 'confirmationCode' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> app.signUp(r -> r.clientId(clientId).username("x").password(" padded ")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at 'password' failed to satisfy constraint");
    }

    @Test
    void refusesAttributesTheClientMayNotWrite() {
        String limited = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("limited").writeAttributes("email", "name"))
                .userPoolClient().clientId();
        assertThatThrownBy(() -> app.signUp(r -> r.clientId(limited).username("lea").password(PASSWORD)
                        .userAttributes(attribute("email", "lea@example.com"), attribute("given_name", "Lea"))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("A client attempted to write unauthorized attribute");
        app.signUp(r -> r.clientId(limited).username("lea").password(PASSWORD)
                .userAttributes(attribute("email", "lea@example.com"), attribute("name", "Lea")));

        assertThatThrownBy(() -> signUp("max", attribute("email", "max@example.com"), attribute("email_verified", "true")))
                .as("a client without WriteAttributes cannot let users verify their own email")
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("A client attempted to write unauthorized attribute");
    }

    @Test
    void refusesSelfSignUpWhenOnlyAdministratorsCreateUsers() {
        String pool = cognito.createUserPool(r -> r.poolName("admin-create-only " + unique())
                .adminCreateUserConfig(c -> c.allowAdminCreateUserOnly(true))).userPool().id();
        String client = client(pool, null);
        assertThatThrownBy(() -> app.signUp(r -> r.clientId(client).username("nia").password(PASSWORD)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("SignUp is not permitted for this user pool");
        assertThat(cognito.listUsers(r -> r.userPoolId(pool)).users()).isEmpty();
    }

    @Test
    void hidesWhetherAUserExistsUnlessTheClientIsLegacy() {
        CodeDeliveryDetailsType simulated = app.resendConfirmationCode(r -> r.clientId(clientId).username("ghost")).codeDeliveryDetails();
        assertThat(simulated.deliveryMedium().toString()).isEqualTo("EMAIL");
        assertThat(simulated.destination()).matches("[a-z]\\*\\*\\*@[a-z]\\*\\*\\*");
        assertThat(app.resendConfirmationCode(r -> r.clientId(clientId).username("ghost")).codeDeliveryDetails())
                .as("the same every time").isEqualTo(simulated);
        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("ghost").confirmationCode("123456")))
                .isInstanceOf(CodeMismatchException.class).hasMessageContaining("Invalid verification code provided, please try again.");
        assertThat(Mailbox.codes(db, poolId)).isEmpty();

        String legacy = client(poolId, PreventUserExistenceErrorTypes.LEGACY);
        assertThatThrownBy(() -> app.resendConfirmationCode(r -> r.clientId(legacy).username("ghost")))
                .isInstanceOf(UserNotFoundException.class).hasMessageContaining("Username/client id combination not found.");
        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(legacy).username("ghost").confirmationCode("123456")))
                .isInstanceOf(UserNotFoundException.class).hasMessageContaining("Username/client id combination not found.");
    }

    @Test
    void confirmingAnEmailAnotherUserHoldsAsAliasNeedsForceAliasCreation() {
        String pool = cognito.createUserPool(r -> r.poolName("alias " + unique()).aliasAttributes(AliasAttributeType.EMAIL)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
        String client = client(pool, null);
        cognito.adminCreateUser(r -> r.userPoolId(pool).username("holder").messageAction("SUPPRESS")
                .userAttributes(attribute("email", "shared@example.com"), attribute("email_verified", "true")));
        app.signUp(r -> r.clientId(client).username("newcomer").password(PASSWORD).userAttributes(attribute("email", "shared@example.com")));
        String code = Mailbox.latest(db, pool, "shared@example.com").code();

        assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(client).username("newcomer").confirmationCode(code)))
                .isInstanceOf(AliasExistsException.class).hasMessageContaining("An account with the email already exists.");
        assertThat(statusOf(pool, "newcomer")).as("nothing changed").isEqualTo(UserStatusType.UNCONFIRMED);

        app.confirmSignUp(r -> r.clientId(client).username("newcomer").confirmationCode(code).forceAliasCreation(true));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("shared@example.com")).username()).isEqualTo("newcomer");
        assertThat(attributesOf(pool, "holder")).containsEntry("email_verified", "false");
    }

    private long countRows(String table) {
        return db.preparedQuery("SELECT count(*) FROM " + table + " WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
