package dev.cognate.userpool.federation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.userpool.compat.OutboxRows;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ProviderUserIdentifierType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AdminLinkProviderForUser and AdminDisableProviderForUser through the AWS SDK v2: a linked identity signs in as the
 * user it is linked to (its sub, its tokens), Cognito's rules and errors (each leaving nothing changed), and the ways
 * AdminDisableProviderForUser takes a way of signing in away.
 */
@QuarkusTest
class ProviderLinkingTest extends FederationFixture {

    private static final String PASSWORD = "Correct-Horse-9";

    String aliceSub;

    @BeforeEach
    void aNativeUser() {
        AdminGetUserResponse alice = createNative("alice");
        aliceSub = attribute(alice, "sub");
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("alice").password(PASSWORD).permanent(true));
    }

    private AdminGetUserResponse createNative(String username) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("name").value(username).build()));
        return user(username);
    }

    private static ProviderUserIdentifierType cognitoUser(String username) {
        return ProviderUserIdentifierType.builder().providerName("Cognito").providerAttributeValue(username).build();
    }

    private static ProviderUserIdentifierType identity(String provider, String attributeName, String value) {
        return ProviderUserIdentifierType.builder().providerName(provider).providerAttributeName(attributeName).providerAttributeValue(value).build();
    }

    private void link(ProviderUserIdentifierType destination, ProviderUserIdentifierType source) {
        cognito.adminLinkProviderForUser(r -> r.userPoolId(poolId).destinationUser(destination).sourceUser(source));
    }

    private long links() {
        return db.preparedQuery("SELECT count(*) FROM federated_identity_links WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private String passwordSignIn(String username) {
        return anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD))).authenticationResult().idToken();
    }

    @Test
    void aLinkedIdentitySignsInAsTheNativeUser() throws Exception {
        link(cognitoUser("alice"), identity("Corp", "Cognito_Subject", "s9"));

        JsonNode identities = json(attribute(user("alice"), "identities"));
        assertThat(identities).hasSize(1);
        assertThat(identities.get(0).get("userId").asText()).isEqualTo("s9");
        assertThat(identities.get(0).get("providerName").asText()).isEqualTo("Corp");
        assertThat(identities.get(0).get("providerType").asText()).isEqualTo("OIDC");
        assertThat(identities.get(0).get("primary").asBoolean()).as("the native user's own sign-in stays primary").isFalse();
        assertThat(OutboxRows.forPool(db, poolId, "username")).filteredOn(row -> "alice".equals(row.subjectOfData()))
                .extracting(OutboxRows.Row::type).last().isEqualTo("cognate.userpool.user.updated.v1");

        SignedInUser signedIn = signIn("s9", Map.of("sub", "s9", "email", "alice@corp.example.com", "name", "Alice Liddell"));

        assertThat(signedIn.username()).isEqualTo("alice");
        assertThat(signedIn.sub()).isEqualTo(aliceSub);
        assertCognitoError(() -> user("Corp_s9"), "UserNotFoundException", "User does not exist.");
        AdminGetUserResponse alice = user("alice");
        assertThat(attribute(alice, "name")).as("the mapping applies to the linked user").isEqualTo("Alice Liddell");
        assertThat(alice.userStatus().toString()).isEqualTo("CONFIRMED");
        JwtClaims claims = idToken(signedIn);
        assertThat(claims.getStringClaimValue("cognito:username")).isEqualTo("alice");
        JsonNode claim = json(JSON.writeValueAsString(claims.getClaimValue("identities")));
        assertThat(claim.get(0).get("userId").asText()).isEqualTo("s9");
        assertThat(claim.get(0).get("primary").asText()).isEqualTo("false");
        assertThat(passwordSignIn("alice")).as("the password still works").isNotBlank();
    }

    @Test
    void anIdentityMayBeLinkedByAnotherOfItsAttributesAndToAFederatedUser() {
        link(cognitoUser("alice"), identity("Corp", "email", "alice@corp.example.com"));
        assertThat(signIn("any-subject", Map.of("email", "alice@corp.example.com")).sub()).isEqualTo(aliceSub);

        String corpSub = signIn("s1", Map.of("email", "s1@example.com")).sub();
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google").providerType(IdentityProviderTypeType.GOOGLE)
                .providerDetails(Map.of("client_id", "1234.apps.googleusercontent.com", "client_secret", "GOCSPX-secret",
                        "authorize_scopes", "openid email")).attributeMapping(Map.of("email", "email")));
        cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId).supportedIdentityProviders("Corp", "Google", "COGNITO")
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlowsWithStrings("code").allowedOAuthScopes("openid", "email", "profile")
                .callbackURLs(CALLBACK));
        link(identity("Corp", null, "s1"), identity("Google", "Cognito_Subject", "g-77"));

        SignedInUser viaGoogle = signIn("Google", "g-77", Map.of("email", "s1@gmail.example.com"), null);

        assertThat(viaGoogle.username()).isEqualTo("Corp_s1");
        assertThat(viaGoogle.sub()).isEqualTo(corpSub);
        assertThat(json(attribute(user("Corp_s1"), "identities"))).extracting(node -> node.get("providerName").asText())
                .containsExactly("Corp", "Google");
    }

    @Test
    void linkingFollowsCognitosRulesAndARefusalChangesNothing() {
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google").providerType(IdentityProviderTypeType.GOOGLE)
                .providerDetails(Map.of("client_id", "1234.apps.googleusercontent.com", "client_secret", "GOCSPX-secret",
                        "authorize_scopes", "openid email")));
        signIn("s1", Map.of("email", "s1@example.com"));
        String before = attribute(user("alice"), "identities");

        assertCognitoError(() -> link(cognitoUser("alice"), identity("Cognito", "Cognito_Subject", "bob")), "InvalidParameterException",
                "Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser, only as a DestinationUser");
        assertCognitoError(() -> link(cognitoUser("nobody"), identity("Corp", "Cognito_Subject", "s2")), "UserNotFoundException",
                "User does not exist.");
        assertCognitoError(() -> link(cognitoUser("alice"), identity("Nope", "Cognito_Subject", "s2")), "ResourceNotFoundException",
                "Identity provider Nope does not exist.");
        assertCognitoError(() -> link(identity("Corp", null, "nobody"), identity("Google", "Cognito_Subject", "g2")),
                "UserNotFoundException", "User does not exist.");
        assertCognitoError(() -> link(cognitoUser("alice"), identity("Corp", "Cognito_Subject", "s1")), "InvalidParameterException",
                "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link");
        assertCognitoError(() -> link(cognitoUser("alice"), identity("Google", "email", "alice@gmail.example.com")),
                "InvalidParameterException", "ProviderAttributeName must be Cognito_Subject for Google identity providers.");
        assertCognitoError(() -> cognito.adminLinkProviderForUser(r -> r.userPoolId(poolId).destinationUser(cognitoUser("alice"))),
                "InvalidParameterException", "1 validation error detected: Value null at 'sourceUser' failed to satisfy constraint:"
                        + " Member must not be null");
        assertCognitoError(() -> cognito.adminLinkProviderForUser(r -> r.userPoolId("us-east-1_Nope12345").destinationUser(cognitoUser("alice"))
                .sourceUser(identity("Corp", "Cognito_Subject", "s2"))), "ResourceNotFoundException", "User pool us-east-1_Nope12345 does not exist.");
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("dora").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("custom:org").value("acme").build()));
        assertCognitoError(() -> link(cognitoUser("dora"), identity("Corp", "Cognito_Subject", "s2")), "InvalidParameterException",
                "The DestinationUser has a value for the immutable attribute custom:org: only users whose attributes are all mutable can be linked.");

        assertThat(links()).isZero();
        assertThat(attribute(user("alice"), "identities")).isEqualTo(before);

        createNative("bob");
        link(cognitoUser("bob"), identity("Corp", "Cognito_Subject", "s2"));
        assertCognitoError(() -> link(cognitoUser("bob"), identity("Corp", "Cognito_Subject", "s2")), "InvalidParameterException",
                "SourceUser is already linked to DestinationUser");
        createNative("carol");
        assertCognitoError(() -> link(cognitoUser("carol"), identity("Corp", "Cognito_Subject", "s2")), "InvalidParameterException",
                "SourceUser is already linked to DestinationUser");
        assertThat(links()).isEqualTo(1);
    }

    @Test
    void aUserHasAtMostFiveLinkedIdentities() {
        for (int i = 1; i <= 5; i++) {
            String subject = "s" + i;
            link(cognitoUser("alice"), identity("Corp", "Cognito_Subject", subject));
        }
        assertCognitoError(() -> link(cognitoUser("alice"), identity("Corp", "Cognito_Subject", "s6")), "LimitExceededException",
                "A user can be linked to at most 5 federated identities.");
        assertThat(json(attribute(user("alice"), "identities"))).hasSize(5);
    }

    @Test
    void disablingALinkedIdentityUnlinksIt() {
        link(cognitoUser("alice"), identity("Corp", "Cognito_Subject", "s9"));
        link(cognitoUser("alice"), identity("Corp", "Cognito_Subject", "s8"));

        cognito.adminDisableProviderForUser(r -> r.userPoolId(poolId).user(identity("Corp", "Cognito_Subject", "s9")));

        assertThat(json(attribute(user("alice"), "identities"))).extracting(node -> node.get("userId").asText()).containsExactly("s8");
        SignedInUser again = signIn("s9", Map.of("email", "s9@example.com"));
        assertThat(again.username()).as("no longer attached: a new federated user").isEqualTo("Corp_s9");
        assertThat(again.sub()).isNotEqualTo(aliceSub);

        cognito.adminDisableProviderForUser(r -> r.userPoolId(poolId).user(identity("Corp", "Cognito_Subject", "s8")));
        assertThat(attribute(user("alice"), "identities")).as("the last one gone: no identities").isNull();
    }

    @Test
    void disablingAnUnlinkedIdentityDisablesItsFederatedUser() {
        signIn("s1", Map.of("email", "s1@example.com"));

        cognito.adminDisableProviderForUser(r -> r.userPoolId(poolId).user(identity("Corp", "Cognito_Subject", "s1")));

        assertThat(user("Corp_s1").enabled()).isFalse();
        assertThatSignInRefusedAsDisabled("s1");
        assertCognitoError(() -> cognito.adminDisableProviderForUser(r -> r.userPoolId(poolId).user(identity("Corp", "Cognito_Subject", "s404"))),
                "UserNotFoundException", "User does not exist.");
        assertCognitoError(() -> cognito.adminDisableProviderForUser(r -> r.userPoolId(poolId).user(identity("Nope", "Cognito_Subject", "s1"))),
                "ResourceNotFoundException", "Identity provider Nope does not exist.");
    }

    private void assertThatSignInRefusedAsDisabled(String subject) {
        assertSignInRefused(subject, Map.of("email", subject + "@example.com"), "NotAuthorizedException", "User is disabled.");
    }

    @Test
    void disablingTheCognitoProviderOfANativeUserTakesItsPasswordAway() {
        assertCognitoError(() -> cognito.adminDisableProviderForUser(r -> r.userPoolId(poolId)
                        .user(identity("Cognito", "email", "alice"))), "InvalidParameterException",
                "ProviderAttributeName must be Cognito_Subject for Cognito users.");
        assertThat(passwordSignIn("alice")).isNotBlank();

        cognito.adminDisableProviderForUser(r -> r.userPoolId(poolId).user(identity("Cognito", "Cognito_Subject", "alice")));

        assertCognitoError(() -> passwordSignIn("alice"), "NotAuthorizedException", "Incorrect username or password.");
        AdminGetUserResponse alice = user("alice");
        assertThat(alice.enabled()).as("the user stays, enabled").isTrue();
        assertThat(OutboxRows.forPool(db, poolId, "username")).filteredOn(row -> "alice".equals(row.subjectOfData()))
                .extracting(OutboxRows.Row::type).as("then the refused sign-in").endsWith("cognate.userpool.user.password.reset.v1",
                        "cognate.userpool.user.sign_in_failed.v1");
    }

    @Test
    void aLinkGoesWithItsUser() {
        link(cognitoUser("alice"), identity("Corp", "Cognito_Subject", "s9"));

        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("alice"));

        assertThat(links()).isZero();
        assertThat(signIn("s9", Map.of("email", "s9@example.com")).username()).isEqualTo("Corp_s9");
    }
}
