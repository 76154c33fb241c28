package dev.cognate.userpool.compat;

import dev.cognate.events.MessageEvents;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedUserStateException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin user actions through the AWS SDK for Java v2: AdminCreateUser ... AdminSetUserMFAPreference. */
@QuarkusTest
class AdminUsersTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("users");
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    static Map<String, String> attributes(List<AttributeType> attributes) {
        return attributes.stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }

    private UserType createUser(String username, AttributeType... attributes) {
        return cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).userAttributes(attributes)
                .messageAction(MessageActionType.SUPPRESS)).user();
    }

    @Test
    void createsAUserInForceChangePasswordWithASubAndReadsItBack() {
        UserType created = createUser("alice", attribute("email", "alice@example.com"), attribute("given_name", "Alice"));

        assertThat(created.username()).isEqualTo("alice");
        assertThat(created.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(created.enabled()).isTrue();
        Map<String, String> attributes = attributes(created.attributes());
        assertThat(UUID.fromString(attributes.get("sub"))).isNotNull();
        assertThat(attributes).containsEntry("email", "alice@example.com").containsEntry("given_name", "Alice");

        AdminGetUserResponse fetched = cognito.adminGetUser(r -> r.userPoolId(poolId).username("alice"));
        assertThat(fetched.username()).isEqualTo("alice");
        assertThat(fetched.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(attributes(fetched.userAttributes())).isEqualTo(attributes);
        assertThat(fetched.userCreateDate()).isEqualTo(created.userCreateDate());
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().estimatedNumberOfUsers()).isEqualTo(1);

        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username(attributes.get("sub"))).username())
                .as("the sub finds the user too").isEqualTo("alice");
    }

    @Test
    void storesTheTemporaryPasswordOnlyAsAnArgon2idHash() {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("bob").temporaryPassword("Temp#Pass123")
                .messageAction(MessageActionType.SUPPRESS));

        String hash = db.preparedQuery("SELECT password_hash FROM users WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getString(0);
        assertThat(hash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$").doesNotContain("Temp#Pass123");
    }

    @Test
    void refusesADuplicateUsernameAndAWeakPassword() {
        createUser("carol");
        assertThatThrownBy(() -> createUser("carol")).isInstanceOf(UsernameExistsException.class)
                .hasMessageContaining("User account already exists");
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(poolId).username("dave").temporaryPassword("Sh0rt!")
                        .messageAction(MessageActionType.SUPPRESS)).user())
                .isInstanceOf(InvalidPasswordException.class);
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(poolId).username("dave").temporaryPassword("alllowercase1!")
                        .messageAction(MessageActionType.SUPPRESS)).user())
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("Password did not conform with policy: Password must have uppercase characters");
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("dave")))
                .isInstanceOf(UserNotFoundException.class).hasMessageContaining("User does not exist.");
    }

    @Test
    void checksAttributesAgainstTheSchema() {
        assertThatThrownBy(() -> createUser("erin", attribute("custom:missing", "x")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("custom:missing: Attribute does not exist in the schema.");
        assertThatThrownBy(() -> createUser("erin", attribute("email", "not-an-email")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid email address format.");
        assertThatThrownBy(() -> createUser("erin", attribute("phone_number", "0123")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid phone number format.");
        assertThatThrownBy(() -> createUser("erin", attribute("email_verified", "true")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Email is required to verify/un-verify an email");
        assertThatThrownBy(() -> createUser("erin", attribute("sub", UUID.randomUUID().toString())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("sub: Attribute cannot be updated.");
        assertThatThrownBy(() -> createUser("erin", attribute("birthdate", "1990")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Attributes did not conform to the schema: birthdate:");
        assertThat(cognito.listUsers(r -> r.userPoolId(poolId)).users()).isEmpty();
    }

    @Test
    void enforcesRequiredAndImmutableAttributesAndCustomTypes() {
        String pool = cognito.createUserPool(r -> r.poolName("required " + unique()).schema(
                SchemaAttributeType.builder().name("email").required(true).build(),
                SchemaAttributeType.builder().name("tenant").attributeDataType("String").mutable(false).build(),
                SchemaAttributeType.builder().name("age").attributeDataType("Number")
                        .numberAttributeConstraints(c -> c.minValue("0").maxValue("150")).build())).userPool().id();

        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("x").messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Attributes did not conform to the schema: email: The attribute is required");
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("x").messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(attribute("email", "x@example.com"), attribute("custom:age", "old"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("custom:age: Number must be an integer.");
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("x").messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(attribute("email", "x@example.com"), attribute("custom:age", "200"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("custom:age: Number must be less than or equal to 150.");

        cognito.adminCreateUser(r -> r.userPoolId(pool).username("x").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attribute("email", "x@example.com"), attribute("custom:tenant", "acme"), attribute("custom:age", "42")));
        assertThatThrownBy(() -> cognito.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("x")
                        .userAttributes(attribute("custom:tenant", "other"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("custom:tenant: Attribute cannot be updated. (changing an immutable attribute)");
        assertThatThrownBy(() -> cognito.adminDeleteUserAttributes(r -> r.userPoolId(pool).username("x").userAttributeNames("email")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("email: The attribute is required");
        assertThat(attributes(cognito.adminGetUser(r -> r.userPoolId(pool).username("x")).userAttributes()))
                .containsEntry("custom:tenant", "acme").containsEntry("email", "x@example.com");
    }

    @Test
    void updatesAndDeletesAttributesAndUnverifiesAChangedEmail() {
        createUser("frank", attribute("email", "frank@example.com"), attribute("email_verified", "true"), attribute("nickname", "f"));

        cognito.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username("frank")
                .userAttributes(attribute("email", "frank@new.example.com"), attribute("name", "Frank")));
        Map<String, String> updated = attributes(cognito.adminGetUser(r -> r.userPoolId(poolId).username("frank")).userAttributes());
        assertThat(updated).containsEntry("email", "frank@new.example.com").containsEntry("email_verified", "false")
                .containsEntry("name", "Frank");

        cognito.adminDeleteUserAttributes(r -> r.userPoolId(poolId).username("frank").userAttributeNames("nickname", "email"));
        Map<String, String> remaining = attributes(cognito.adminGetUser(r -> r.userPoolId(poolId).username("frank")).userAttributes());
        assertThat(remaining).doesNotContainKeys("nickname", "email", "email_verified").containsEntry("name", "Frank");

        assertThat(OutboxRows.forPool(db, poolId, "username")).filteredOn(row -> row.type().startsWith("cognate.userpool.user."))
                .extracting(OutboxRows.Row::type, OutboxRows.Row::subjectOfData)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(UserPoolEvents.USER_CREATED.name(), "frank"),
                        org.assertj.core.groups.Tuple.tuple(UserPoolEvents.USER_UPDATED.name(), "frank"),
                        org.assertj.core.groups.Tuple.tuple(UserPoolEvents.USER_UPDATED.name(), "frank"));
    }

    @Test
    void disablesEnablesAndDeletesAUser() {
        String sub = attributes(createUser("gina").attributes()).get("sub");

        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("gina"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("gina")).enabled()).isFalse();
        cognito.adminEnableUser(r -> r.userPoolId(poolId).username("gina"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("gina")).enabled()).isTrue();

        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("gina"));
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("gina"))).isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("gina"))).isInstanceOf(UserNotFoundException.class);

        List<OutboxRows.Row> events = OutboxRows.forPool(db, poolId, "sub").stream().filter(row -> row.type().contains(".user.")).toList();
        assertThat(events).extracting(OutboxRows.Row::type).containsExactly(UserPoolEvents.USER_CREATED.name(),
                UserPoolEvents.USER_DISABLED.name(), UserPoolEvents.USER_ENABLED.name(), UserPoolEvents.USER_DELETED.name());
        assertThat(events).extracting(OutboxRows.Row::key).as("one user's events share a key").containsOnly(poolId + "/" + sub);
    }

    @Test
    void setsPermanentAndTemporaryPasswordsAndConfirmsOnlyUnconfirmedUsers() {
        createUser("hank");
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("hank").password("Perm4nent!Pass").permanent(true));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("hank")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("hank").password("Temp0rary!Pass").permanent(false));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("hank")).userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThatThrownBy(() -> cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("hank").password("weak").permanent(true)))
                .isInstanceOf(InvalidPasswordException.class).hasMessageContaining("Password not long enough");

        assertThatThrownBy(() -> cognito.adminConfirmSignUp(r -> r.userPoolId(poolId).username("hank")))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD");
    }

    @Test
    void resetsAPasswordOnlyForAUserWithAVerifiedContact() {
        createUser("ivy");
        assertThatThrownBy(() -> cognito.adminResetUserPassword(r -> r.userPoolId(poolId).username("ivy")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("no registered/verified email or phone_number");

        createUser("jack", attribute("email", "jack@example.com"), attribute("email_verified", "true"));
        cognito.adminResetUserPassword(r -> r.userPoolId(poolId).username("jack"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("jack")).userStatus()).isEqualTo(UserStatusType.RESET_REQUIRED);
    }

    @Test
    void sendsTheInvitationSealedAndResendsItOnlyToUsersWhoStillNeedIt() {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("kim").temporaryPassword("Invite#Me123")
                .userAttributes(attribute("email", "kim@example.com")).desiredDeliveryMediums(DeliveryMediumType.EMAIL));
        List<String> messages = messageRows();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).contains(MessageEvents.INVITATION_REQUESTED.name()).contains("kim@example.com")
                .contains("\"subject\":\"Your temporary password\"")
                .contains("\"message\":\"Your username is kim and temporary password is {####}.\"")
                .doesNotContain("Invite#Me123");

        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("kim").messageAction(MessageActionType.RESEND)
                .desiredDeliveryMediums(DeliveryMediumType.EMAIL));
        assertThat(messageRows()).hasSize(2);

        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("kim").password("Perm4nent!Pass").permanent(true));
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(poolId).username("kim").messageAction(MessageActionType.RESEND)))
                .isInstanceOf(UnsupportedUserStateException.class);
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(poolId).username("nobody").messageAction(MessageActionType.RESEND)))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void usesEmailAsUsernameWhenThePoolSaysSo() {
        String pool = cognito.createUserPool(r -> r.poolName("email-username " + unique())
                .usernameAttributes(UsernameAttributeType.EMAIL)).userPool().id();
        UserType user = cognito.adminCreateUser(r -> r.userPoolId(pool).username("Lena@Example.com")
                .messageAction(MessageActionType.SUPPRESS)).user();
        Map<String, String> attributes = attributes(user.attributes());
        assertThat(user.username()).as("the username is the sub").isEqualTo(attributes.get("sub"));
        assertThat(attributes).containsEntry("email", "Lena@Example.com");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("lena@example.com")).username()).isEqualTo(user.username());

        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("lena@example.com")
                        .messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(UsernameExistsException.class).hasMessageContaining("An account with the given email already exists.");
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("not-an-email")
                        .messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Username should be an email.");
    }

    @Test
    void keepsVerifiedEmailAliasesUniqueUnlessForced() {
        String pool = cognito.createUserPool(r -> r.poolName("alias " + unique()).aliasAttributes(AliasAttributeType.EMAIL)).userPool().id();
        cognito.adminCreateUser(r -> r.userPoolId(pool).username("first").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attribute("email", "shared@example.com"), attribute("email_verified", "true")));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("Shared@example.com")).username()).isEqualTo("first");

        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("second").messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(attribute("email", "shared@example.com"), attribute("email_verified", "true"))))
                .isInstanceOf(AliasExistsException.class).hasMessageContaining("An account with the email already exists.");
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("third@example.com")
                        .messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Username cannot be of email format");

        cognito.adminCreateUser(r -> r.userPoolId(pool).username("second").messageAction(MessageActionType.SUPPRESS).forceAliasCreation(true)
                .userAttributes(attribute("email", "shared@example.com"), attribute("email_verified", "true")));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("shared@example.com")).username()).isEqualTo("second");
        assertThat(attributes(cognito.adminGetUser(r -> r.userPoolId(pool).username("first")).userAttributes()))
                .containsEntry("email_verified", "false");
    }

    @Test
    void ignoresUsernameCaseWhenThePoolIsCaseInsensitive() {
        String pool = cognito.createUserPool(r -> r.poolName("case " + unique()).usernameConfiguration(c -> c.caseSensitive(false))).userPool().id();
        cognito.adminCreateUser(r -> r.userPoolId(pool).username("MixedCase").messageAction(MessageActionType.SUPPRESS));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("mixedcase")).username()).isEqualTo("MixedCase");
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("MIXEDCASE").messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(UsernameExistsException.class);

        createUser("Sensitive");
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("sensitive")))
                .as("pools are case-sensitive when UsernameConfiguration is absent").isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void storesMfaSettingsAndPreferences() {
        // SMS MFA needs a phone number, email MFA an email (Cognito's delivery-config rule: SmsAndEmailMfaTest)
        createUser("mia", attribute("phone_number", "+15555550100"), attribute("email", "mia@example.com"));
        cognito.adminSetUserSettings(r -> r.userPoolId(poolId).username("mia")
                .mfaOptions(o -> o.deliveryMedium(DeliveryMediumType.SMS).attributeName("phone_number")));
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("mia")
                .smsMfaSettings(s -> s.enabled(true).preferredMfa(true)).emailMfaSettings(s -> s.enabled(true)));

        AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(poolId).username("mia"));
        assertThat(user.mfaOptions()).singleElement().satisfies(option -> assertThat(option.attributeName()).isEqualTo("phone_number"));
        assertThat(user.preferredMfaSetting()).isEqualTo("SMS_MFA");
        assertThat(user.userMFASettingList()).containsExactly("SMS_MFA", "EMAIL_OTP");

        assertThatThrownBy(() -> cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("mia")
                        .softwareTokenMfaSettings(s -> s.enabled(true))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("User has not set up software token mfa");
    }

    @Test
    void answersCognitosErrorsForUnknownPoolsAndBadNames() {
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId("us-east-1_Nope12345").username("x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(poolId).username("bad name with spaces")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at 'username' failed to satisfy constraint");
        assertThatThrownBy(() -> cognito.adminDisableUser(r -> r.userPoolId(poolId).username("ghost")))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void deletingThePoolDeletesItsUsers() {
        createUser("nora");
        cognito.deleteUserPool(r -> r.userPoolId(poolId));
        long left = db.preparedQuery("SELECT count(*) FROM users WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(left).isZero();
    }

    private List<String> messageRows() {
        List<String> rows = new java.util.ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE topic = 'cognate.messages' AND payload::jsonb->>'source' = $1 ORDER BY id")
                .execute(Tuple.of("/userpools/" + poolId)).await().indefinitely().forEach(row -> rows.add(row.getValue(0).toString()));
        return rows;
    }
}
