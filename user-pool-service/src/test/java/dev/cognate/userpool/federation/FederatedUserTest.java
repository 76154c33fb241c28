package dev.cognate.userpool.federation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.userpool.compat.OutboxRows;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthEventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EventResponseType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The federated user as Cognito makes it: {@code {ProviderName}_{subject}} with status {@code EXTERNAL_PROVIDER} wherever
 * the API shows users, the {@code identities} attribute and ID-token claim, AttributeMapping on the first and every later
 * sign-in, the schema's refusals (nothing changed), no sign-in aliases, no password of its own, and the sign-in recorded.
 */
@QuarkusTest
class FederatedUserTest extends FederationFixture {

    private static final Map<String, String> ADA = Map.of("sub", "a1b2c3", "email", "ada@example.com", "email_verified", "true",
            "name", "Ada", "team", "core", "org", "acme", "locale", "en-GB");

    @Test
    void firstSignInCreatesTheExternalProviderUserWithItsIdentity() {
        SignedInUser signedIn = signIn("a1b2c3", ADA);

        assertThat(signedIn.username()).isEqualTo("Corp_a1b2c3");
        AdminGetUserResponse user = user("Corp_a1b2c3");
        assertThat(user.userStatus()).isEqualTo(UserStatusType.EXTERNAL_PROVIDER);
        assertThat(user.enabled()).isTrue();
        assertThat(attribute(user, "sub")).isEqualTo(signedIn.sub());
        assertThat(user.userAttributes()).extracting(AttributeType::name).as("mapped attributes only: locale is not mapped")
                .containsExactlyInAnyOrder("sub", "email", "email_verified", "name", "custom:team", "custom:org", "identities");
        assertThat(attribute(user, "email")).isEqualTo("ada@example.com");
        assertThat(attribute(user, "email_verified")).isEqualTo("true");
        assertThat(attribute(user, "custom:team")).isEqualTo("core");
        String identities = attribute(user, "identities");
        assertThat(identities).as("Cognito's JSON text, in its member order").matches(
                "\\[\\{\"userId\":\"a1b2c3\",\"providerName\":\"Corp\",\"providerType\":\"OIDC\",\"issuer\":null,\"primary\":true,"
                        + "\"dateCreated\":\\d{13}}]");
        assertThat(json(identities).get(0).get("dateCreated").asLong()).isEqualTo(user.userCreateDate().toEpochMilli());

        assertThat(OutboxRows.forPool(db, poolId, "username")).as("created through the one write path, then signed in")
                .filteredOn(row -> "Corp_a1b2c3".equals(row.subjectOfData())).extracting(OutboxRows.Row::type)
                .containsExactly("cognate.userpool.user.created.v1", "cognate.userpool.user.signed_in.v1");
        List<AuthEventType> events = cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("Corp_a1b2c3")).authEvents();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).eventType()).isEqualTo(EventType.SIGN_IN);
        assertThat(events.get(0).eventResponse()).isEqualTo(EventResponseType.PASS);
        assertThat(events.get(0).challengeResponses()).as("no password was checked").isEmpty();
        assertThat(events.get(0).eventContextData().ipAddress()).isEqualTo(IP);
    }

    @Test
    void everySignInMapsTheProvidersAttributesAgainAndKeepsTheUser() {
        SignedInUser first = signIn("a1b2c3", ADA);

        SignedInUser again = signIn("a1b2c3", Map.of("sub", "a1b2c3", "email", "ada@example.org", "email_verified", "false",
                "name", "Ada Lovelace", "org", "acme"));

        assertThat(again.sub()).isEqualTo(first.sub());
        assertThat(again.username()).isEqualTo("Corp_a1b2c3");
        AdminGetUserResponse user = user("Corp_a1b2c3");
        assertThat(attribute(user, "name")).isEqualTo("Ada Lovelace");
        assertThat(attribute(user, "email")).isEqualTo("ada@example.org");
        assertThat(attribute(user, "email_verified")).isEqualTo("false");
        assertThat(attribute(user, "custom:team")).as("not sent this time: kept").isEqualTo("core");
        assertThat(json(attribute(user, "identities"))).as("still its one identity").hasSize(1);
        assertThat(OutboxRows.forPool(db, poolId, "username")).filteredOn(row -> "Corp_a1b2c3".equals(row.subjectOfData()))
                .extracting(OutboxRows.Row::type).containsExactly("cognate.userpool.user.created.v1", "cognate.userpool.user.signed_in.v1",
                        "cognate.userpool.user.updated.v1", "cognate.userpool.user.signed_in.v1");

        signIn("a1b2c3", Map.of("sub", "a1b2c3", "email", "ada@example.org", "email_verified", "false", "name", "Ada Lovelace"));
        assertThat(OutboxRows.forPool(db, poolId, "username")).as("nothing changed: no update event")
                .filteredOn(row -> "cognate.userpool.user.updated.v1".equals(row.type())).hasSize(1);
        assertThat(cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("Corp_a1b2c3")).authEvents()).hasSize(3);
    }

    @Test
    void emailVerifiedIsOnlyWhatTheMappingSays() {
        usePool(pool -> pool.autoVerifiedAttributesWithStrings("email"));
        cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").attributeMapping(Map.of("email", "email")));

        signIn("b2", Map.of("email", "bob@example.com", "email_verified", "true"));

        AdminGetUserResponse user = user("Corp_b2");
        assertThat(attribute(user, "email")).isEqualTo("bob@example.com");
        assertThat(attribute(user, "email_verified")).as("not mapped: not set, although the provider said true").isNull();
    }

    @Test
    void theIdTokenCarriesTheIdentitiesClaimAsAnArray() throws Exception {
        SignedInUser signedIn = signIn("a1b2c3", ADA);

        JwtClaims claims = idToken(signedIn);

        assertThat(claims.getSubject()).isEqualTo(signedIn.sub());
        assertThat(claims.getStringClaimValue("cognito:username")).isEqualTo("Corp_a1b2c3");
        assertThat(claims.getStringClaimValue("email")).isEqualTo("ada@example.com");
        JsonNode identities = json(JSON.writeValueAsString(claims.getClaimValue("identities")));
        assertThat(identities.isArray()).isTrue();
        assertThat(identities).hasSize(1);
        JsonNode identity = identities.get(0);
        assertThat(identity.get("userId").asText()).isEqualTo("a1b2c3");
        assertThat(identity.get("providerName").asText()).isEqualTo("Corp");
        assertThat(identity.get("providerType").asText()).isEqualTo("OIDC");
        assertThat(identity.get("issuer").isNull()).isTrue();
        assertThat(identity.get("primary").isTextual()).as("strings in the token, as Cognito's").isTrue();
        assertThat(identity.get("primary").asText()).isEqualTo("true");
        assertThat(identity.get("dateCreated").asText()).matches("\\d{13}");
        assertThat(claims.getClaimsMap()).as("the attribute is not repeated as a string").doesNotContainKey("identities_json");
    }

    @Test
    void listUsersShowsAndFiltersTheExternalProviderStatus() {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("native").messageAction(MessageActionType.SUPPRESS));
        signIn("a1b2c3", ADA);
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("staff"));
        cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).username("Corp_a1b2c3").groupName("staff"));

        List<UserType> federated = cognito.listUsers(r -> r.userPoolId(poolId).filter("cognito:user_status = \"EXTERNAL_PROVIDER\"")).users();
        assertThat(federated).extracting(UserType::username).containsExactly("Corp_a1b2c3");
        assertThat(federated.get(0).userStatus()).isEqualTo(UserStatusType.EXTERNAL_PROVIDER);
        assertThat(cognito.listUsers(r -> r.userPoolId(poolId).filter("username ^= \"Corp_\"")).users()).extracting(UserType::username)
                .containsExactly("Corp_a1b2c3");
        assertThat(cognito.listUsersInGroup(r -> r.userPoolId(poolId).groupName("staff")).users()).extracting(UserType::userStatus)
                .containsExactly(UserStatusType.EXTERNAL_PROVIDER);
    }

    @Test
    void aMappedValueTheSchemaRefusesRefusesTheFirstSignInAndCreatesNothing() {
        assertSignInRefused("t1", Map.of("email", "t1@example.com", "team", "much-too-long"), "InvalidParameterException",
                "Attributes did not conform to the schema: custom:team: String must be between 0 and 8 characters long.");
        assertSignInRefused("t1", Map.of("email", "not an email"), "InvalidParameterException", "Invalid email address format.");
        assertSignInRefused("t1", Map.of("email_verified", "true"), "InvalidParameterException", "Email is required to verify/un-verify an email");

        assertCognitoError(() -> user("Corp_t1"), "UserNotFoundException", "User does not exist.");
        assertThat(OutboxRows.forPool(db, poolId, "username")).extracting(OutboxRows.Row::type).as("refusals: only sign_in_failed")
                .filteredOn(type -> type.startsWith("cognate.userpool.user.")).containsExactly("cognate.userpool.user.sign_in_failed.v1",
                        "cognate.userpool.user.sign_in_failed.v1", "cognate.userpool.user.sign_in_failed.v1");
    }

    @Test
    void aRequiredAttributeTheProviderDoesNotSendRefusesTheFirstSignIn() {
        usePool(pool -> pool.schema(s -> s.name("email").attributeDataType("String").required(true).mutable(true),
                s -> s.name("name").attributeDataType("String").required(true).mutable(true)));

        assertSignInRefused("r1", Map.of("sub", "r1"), "InvalidParameterException", "attributes required: [name, email]");
        assertSignInRefused("r1", Map.of("sub", "r1", "email", "r1@example.com"), "InvalidParameterException", "attributes required: [name]");
        assertCognitoError(() -> user("Corp_r1"), "UserNotFoundException", "User does not exist.");

        signIn("r1", Map.of("email", "r1@example.com", "name", "Rae"));
        assertThat(user("Corp_r1").userStatus()).isEqualTo(UserStatusType.EXTERNAL_PROVIDER);
    }

    @Test
    void aLaterSignInWhoseMappingBreaksTheSchemaChangesNothing() {
        signIn("a1b2c3", ADA);

        assertSignInRefused("a1b2c3", Map.of("name", "Ada", "team", "much-too-long"), "InvalidParameterException",
                "Attributes did not conform to the schema: custom:team: String must be between 0 and 8 characters long.");
        assertSignInRefused("a1b2c3", Map.of("name", "Ada B.", "org", "other"), "InvalidParameterException",
                "user.custom:org: Attribute cannot be updated. (changing an immutable attribute)");

        AdminGetUserResponse user = user("Corp_a1b2c3");
        assertThat(attribute(user, "custom:team")).isEqualTo("core");
        assertThat(attribute(user, "name")).as("the refused sign-in changed nothing else either").isEqualTo("Ada");
        List<AuthEventType> events = cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("Corp_a1b2c3")).authEvents();
        assertThat(events).extracting(AuthEventType::eventResponse)
                .containsExactly(EventResponseType.FAIL, EventResponseType.FAIL, EventResponseType.PASS);
    }

    @Test
    void aDisabledFederatedUserCannotSignIn() {
        signIn("a1b2c3", ADA);
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("Corp_a1b2c3"));

        assertSignInRefused("a1b2c3", ADA, "NotAuthorizedException", "User is disabled.");

        assertThat(cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("Corp_a1b2c3")).authEvents())
                .extracting(AuthEventType::eventResponse).containsExactly(EventResponseType.FAIL, EventResponseType.PASS);
        cognito.adminEnableUser(r -> r.userPoolId(poolId).username("Corp_a1b2c3"));
        assertThat(signIn("a1b2c3", ADA).username()).isEqualTo("Corp_a1b2c3");
    }

    @Test
    void aFederatedUserHoldsNoSignInAlias() {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("ada").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value("ada@example.com").build(),
                        AttributeType.builder().name("email_verified").value("true").build()));

        signIn("a1b2c3", ADA);

        assertThat(user("ada@example.com").username()).as("the native user keeps its verified email alias").isEqualTo("ada");
        assertThat(attribute(user("Corp_a1b2c3"), "email")).isEqualTo("ada@example.com");
    }

    @Test
    void aFederatedUserHasNoPasswordToSignInWithResetSetOrConfirm() {
        signIn("a1b2c3", ADA);

        assertCognitoError(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "Corp_a1b2c3", "PASSWORD", "Correct-Horse-9"))), "NotAuthorizedException",
                "Incorrect username or password.");
        assertCognitoError(() -> anonymous.forgotPassword(r -> r.clientId(clientId).username("Corp_a1b2c3")), "NotAuthorizedException",
                "User password cannot be reset in the current state.");
        assertCognitoError(() -> cognito.adminResetUserPassword(r -> r.userPoolId(poolId).username("Corp_a1b2c3")),
                "NotAuthorizedException", "User password cannot be reset in the current state.");
        assertCognitoError(() -> cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("Corp_a1b2c3")
                        .password("Correct-Horse-9").permanent(true)), "InvalidParameterException",
                "Cannot set a password for a user of an external identity provider (EXTERNAL_PROVIDER).");
        assertCognitoError(() -> cognito.adminConfirmSignUp(r -> r.userPoolId(poolId).username("Corp_a1b2c3")),
                "NotAuthorizedException", "User cannot be confirmed. Current status is EXTERNAL_PROVIDER");

        assertThat(user("Corp_a1b2c3").userStatus()).as("unchanged").isEqualTo(UserStatusType.EXTERNAL_PROVIDER);
        assertThat(OutboxRows.forPool(db, poolId, "username")).extracting(OutboxRows.Row::type).as("no password event, no code")
                .doesNotContain("cognate.userpool.user.password.set.v1", "cognate.userpool.user.password.reset.v1");
    }

    @Test
    void aPoolThatIgnoresCaseNamesTheUserInLowerCase() {
        usePool(pool -> pool.usernameConfiguration(c -> c.caseSensitive(false)));

        SignedInUser signedIn = signIn("AbC-123", Map.of("email", "c@example.com"));

        assertThat(signedIn.username()).isEqualTo("corp_abc-123");
        assertThat(user("CORP_ABC-123").username()).isEqualTo("corp_abc-123");
        assertThat(json(attribute(user("corp_abc-123"), "identities")).get(0).get("userId").asText())
                .as("the identity keeps the provider's subject as it is").isEqualTo("AbC-123");
        assertThat(signIn("AbC-123", Map.of("email", "c@example.com")).sub()).isEqualTo(signedIn.sub());
    }

    @Test
    void onlyAClientThatSupportsTheProviderSignsItsUsersIn() {
        String cognitoOnly = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("cognito-only").supportedIdentityProviders("COGNITO")
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlowsWithStrings("code").allowedOAuthScopes("openid")
                .callbackURLs(CALLBACK)).userPoolClient().clientId();

        assertThatThrownBy(() -> federatedSignIn.signIn(cognitoOnly, new ExternalIdentity(provider("Corp"), "a1b2c3", ADA, null), IP)
                .await().indefinitely())
                .isInstanceOfSatisfying(dev.cognate.awsprotocol.CognitoException.class, e -> {
                    assertThat(e.type()).isEqualTo("InvalidParameterException");
                    assertThat(e.getMessage()).isEqualTo("The client does not support the identity provider Corp");
                });
        assertCognitoError(() -> user("Corp_a1b2c3"), "UserNotFoundException", "User does not exist.");
    }
}
