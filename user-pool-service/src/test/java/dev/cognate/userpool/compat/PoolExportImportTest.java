package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import dev.cognate.userpool.password.PasswordHasher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** CognateAdmin.ExportUserPool and CognateAdmin.ImportUserPool: a pool moved with its users' Argon2id hashes. */
@QuarkusTest
class PoolExportImportTest extends CognitoIdpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool db;

    @Test
    void exportsAPoolAndImportsItAsANewPoolWhoseUsersKeepSubAttributesGroupsAndPasswordHash() throws Exception {
        String poolId = cognito.createUserPool(r -> r.poolName("export " + unique()).aliasAttributesWithStrings("email")).userPool().id();
        cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(SchemaAttributeType.builder()
                .name("tier").attributeDataType(AttributeDataType.STRING).build()));
        cognito.createResourceServer(r -> r.userPoolId(poolId).identifier("https://api.example.com").name("api")
                .scopes(s -> s.scopeName("read").scopeDescription("read it")));
        UserPoolClientType confidential = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("backend").generateSecret(true)
                .allowedOAuthFlows(OAuthFlowType.CLIENT_CREDENTIALS).allowedOAuthFlowsUserPoolClient(true)
                .allowedOAuthScopes("https://api.example.com/read")).userPoolClient();
        UserPoolClientType web = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")).userPoolClient();
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("admins").precedence(1).description("the admins"));
        cognito.createGroup(r -> r.userPoolId(poolId).groupName("readers"));
        UserType alice = createUser(poolId, "alice", attribute("email", "alice@example.com"), attribute("email_verified", "true"),
                attribute("custom:tier", "gold"), attribute("given_name", "Alice"));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("alice").password("Alice#Pass123").permanent(true));
        createUser(poolId, "bob", attribute("phone_number", "+15555550100"));
        cognito.adminDisableUser(r -> r.userPoolId(poolId).username("bob"));
        createUser(poolId, "carol");
        addToGroup(poolId, alice, "admins");
        addToGroup(poolId, alice, "readers");

        List<String> lines = export(poolId, true, 2);

        assertThat(JSON.readTree(lines.get(0)).path("type").asText()).isEqualTo("pool");
        assertThat(JSON.readTree(lines.get(0)).path("formatVersion").asInt()).isEqualTo(1);
        assertThat(lines.stream().filter(line -> line.contains("\"type\":\"user\""))).hasSize(3);
        JsonNode aliceLine = lines.stream().map(PoolExportImportTest::tree).filter(line -> "alice".equals(line.path("username").asText()))
                .findFirst().orElseThrow();
        String aliceHash = storedHash(poolId, "alice");
        assertThat(aliceLine.path("passwordHash").asText()).isEqualTo(aliceHash).startsWith("$argon2id$");
        assertThat(aliceLine.path("groups")).extracting(JsonNode::asText).containsExactly("admins", "readers");

        String newName = "imported " + unique();
        Response imported = importLines(String.join("\n", lines), newName);
        imported.then().statusCode(200);
        String newPoolId = imported.jsonPath().getString("UserPoolId");
        Map<String, String> clientIds = imported.jsonPath().getMap("ClientIds");

        assertThat(newPoolId).isNotEqualTo(poolId);
        assertThat(cognito.describeUserPool(r -> r.userPoolId(newPoolId)).userPool().name()).isEqualTo(newName);
        assertThat(clientIds).containsOnlyKeys(confidential.clientId(), web.clientId());
        assertThat(clientIds.values()).doesNotContain(confidential.clientId(), web.clientId());
        UserPoolClientType copied = cognito.describeUserPoolClient(r -> r.userPoolId(newPoolId).clientId(clientIds.get(confidential.clientId())))
                .userPoolClient();
        assertThat(copied.clientName()).isEqualTo("backend");
        assertThat(copied.clientSecret()).as("exported with IncludeClientSecrets").isEqualTo(confidential.clientSecret());
        assertThat(copied.allowedOAuthScopes()).containsExactly("https://api.example.com/read");
        assertThat(cognito.describeResourceServer(r -> r.userPoolId(newPoolId).identifier("https://api.example.com")).resourceServer().name())
                .isEqualTo("api");
        assertThat(cognito.getGroup(r -> r.userPoolId(newPoolId).groupName("admins")).group().description()).isEqualTo("the admins");

        AdminGetUserResponse copiedAlice = cognito.adminGetUser(r -> r.userPoolId(newPoolId).username("alice"));
        assertThat(copiedAlice.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(attributes(copiedAlice.userAttributes())).isEqualTo(attributes(alice.attributes()));
        assertThat(copiedAlice.userCreateDate()).isEqualTo(alice.userCreateDate());
        String copiedHash = storedHash(newPoolId, "alice");
        assertThat(copiedHash).isEqualTo(aliceHash);
        assertThat(PasswordHasher.DEFAULT.verify("Alice#Pass123", copiedHash)).isTrue();
        assertThat(groupsOf(newPoolId, "alice")).containsExactly("admins", "readers");
        AdminGetUserResponse copiedBob = cognito.adminGetUser(r -> r.userPoolId(newPoolId).username("bob"));
        assertThat(copiedBob.enabled()).isFalse();
        assertThat(copiedBob.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(cognito.listUsers(r -> r.userPoolId(newPoolId).filter("email = \"alice@example.com\"")).users())
                .as("the ListUsers index is filled").extracting(UserType::username).containsExactly("alice");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(newPoolId).username("alice@example.com")).username())
                .as("aliases are filled").isEqualTo("alice");

        assertThat(OutboxRows.forPool(db, newPoolId, "userPoolId")).extracting(OutboxRows.Row::type)
                .contains("cognate.userpool.pool.created.v1", "cognate.userpool.client.created.v1", "cognate.userpool.group.created.v1",
                        "cognate.userpool.user.created.v1");
    }

    @Test
    void leavesClientSecretsOutUnlessAskedAndGivesSuchClientsANewSecret() {
        String poolId = newPool("secrets");
        UserPoolClientType confidential = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("backend").generateSecret(true))
                .userPoolClient();

        List<String> lines = export(poolId, false, 10);
        assertThat(String.join("\n", lines)).doesNotContain(confidential.clientSecret());

        Response imported = importLines(String.join("\n", lines), null);
        imported.then().statusCode(200);
        String newClientId = imported.jsonPath().getString("ClientIds." + confidential.clientId());
        assertThat(imported.jsonPath().getList("ClientsWithNewSecret", String.class)).containsExactly(newClientId);
        String newPoolId = imported.jsonPath().getString("UserPoolId");
        String secret = cognito.describeUserPoolClient(r -> r.userPoolId(newPoolId).clientId(newClientId)).userPoolClient().clientSecret();
        assertThat(secret).isNotBlank().isNotEqualTo(confidential.clientSecret());
    }

    @Test
    void carriesIdentityProvidersWithTheirSecretsOnlyWhenAskedAndSkipsDomainsStillHeld() {
        String poolId = newPool("federated");
        String domain = "exp-" + unique().replace("-", "");
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google").providerType(IdentityProviderTypeType.GOOGLE)
                .providerDetails(Map.of("client_id", "google-client", "client_secret", "google-secret-value", "authorize_scopes", "email"))
                .attributeMapping(Map.of("email", "email")));
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));
        cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web").supportedIdentityProviders("COGNITO", "Google"));

        assertThat(String.join("\n", export(poolId, false, 10))).doesNotContain("google-secret-value");
        Response imported = importLines(String.join("\n", export(poolId, true, 10)), null);
        imported.then().statusCode(200);
        String newPoolId = imported.jsonPath().getString("UserPoolId");

        assertThat(imported.jsonPath().getList("SkippedDomains", String.class)).containsExactly(domain);
        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(newPoolId).providerName("Google")).identityProvider().providerDetails())
                .containsEntry("client_secret", "google-secret-value").containsEntry("client_id", "google-client");
        assertThat(cognito.listUserPoolClients(r -> r.userPoolId(newPoolId).maxResults(10)).userPoolClients()).hasSize(1);
    }

    @Test
    void refusesABadFileNamingTheLineAndLeavesNoPoolBehind() {
        String poolId = newPool("bad");
        createUser(poolId, "dave");
        List<String> good = export(poolId, false, 10);
        String pool = good.get(0);
        String user = good.get(good.size() - 1);
        String hash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$" + "A".repeat(43);
        String otherUser = "{\"type\":\"user\",\"username\":\"erin\",\"sub\":\"4a1e7b0e-1d44-4c2f-9a52-6f2d1b2b3c4d\",\"status\":\"CONFIRMED\","
                + "\"enabled\":true,\"attributes\":{},\"passwordHash\":\"" + hash + "\"}";

        assertRefused(pool + "\n" + otherUser + "\n{not json", 3, "malformed JSON");
        assertRefused(pool + "\n\n{\"type\":\"gadget\"}", 3, "unknown type 'gadget'");
        assertRefused(pool.replace("\"formatVersion\":1", "\"formatVersion\":2"), 1, "unsupported formatVersion 2");
        assertRefused(pool + "\n" + otherUser.replace(hash, "$2b$10$abcdefghijklmnopqrstuuJ2yS3l9fXoS8w0mB1vB3wN8GmQv1yRa"), 2,
                "passwordHash is not a supported Argon2id PHC string");
        assertRefused(pool + "\n" + otherUser.replace("\"attributes\":{}", "\"attributes\":{\"custom:nope\":\"x\"}"), 2,
                "custom:nope: Attribute does not exist in the schema.");
        assertRefused(pool + "\n" + user + "\n" + user.replaceAll("\"sub\":\"[^\"]+\"",
                "\"sub\":\"4a1e7b0e-1d44-4c2f-9a52-6f2d1b2b3c4d\""), 3, "duplicate username 'dave'");
        assertRefused(user + "\n" + pool, 1, "the first line must be the pool");
        assertRefused(pool + "\n" + otherUser.replace("\"attributes\":{}", "\"attributes\":{},\"groups\":[\"ghosts\"]"), 2,
                "unknown group 'ghosts'");

        assertRefused(pool + "\n{\"type\":\"client\",\"clientId\":\"old\",\"clientName\":\"c\",\"settings\":{\"AllowedOAuthScopes\":"
                + "[\"https://nowhere/read\"]}}", 2, "Invalid scope requested: https://nowhere/read");

        Response ok = importLines(pool + "\n" + otherUser, null);
        ok.then().statusCode(200);
        assertThat(storedHash(ok.jsonPath().getString("UserPoolId"), "erin")).isEqualTo(hash);
    }

    @Test
    void refusesBadParametersAndUnknownPools() {
        SignedJson.callTarget(endpoint, "CognateAdmin.ExportUserPool", "{\"UserPoolId\":\"us-east-1_NoSuchPool\"}")
                .then().statusCode(400).header("x-amzn-ErrorType", "ResourceNotFoundException");
        SignedJson.callTarget(endpoint, "CognateAdmin.ExportUserPool", "{}")
                .then().statusCode(400).header("x-amzn-ErrorType", "InvalidParameterException");
        String poolId = newPool("params");
        SignedJson.callTarget(endpoint, "CognateAdmin.ExportUserPool", "{\"UserPoolId\":\"" + poolId + "\",\"MaxUsers\":0}")
                .then().statusCode(400).header("x-amzn-ErrorType", "InvalidParameterException");
        SignedJson.callTarget(endpoint, "CognateAdmin.ExportUserPool", "{\"UserPoolId\":\"" + poolId + "\",\"NextToken\":\"forged\"}")
                .then().statusCode(400).header("x-amzn-ErrorType", "InvalidParameterException");
        SignedJson.callTarget(endpoint, "CognateAdmin.ImportUserPool", "{}")
                .then().statusCode(400).header("x-amzn-ErrorType", "InvalidParameterException");
        SignedJson.callTarget(endpoint, "CognateAdmin.ImportUserPool", "{\"Lines\":\"\"}")
                .then().statusCode(400).header("x-amzn-ErrorType", "InvalidParameterException");
        SignedJson.callTarget(endpoint, "CognateAdmin.NoSuchThing", "{}")
                .then().statusCode(400).header("x-amzn-ErrorType", "UnknownOperationException");
        RestAssured.given().header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "CognateAdmin.ExportUserPool")
                .body(("{\"UserPoolId\":\"" + poolId + "\"}").getBytes(StandardCharsets.UTF_8)).post(endpoint)
                .then().statusCode(403).header("x-amzn-ErrorType", "MissingAuthenticationTokenException");
    }

    // ------------------------------------------------------------------ helpers

    private void assertRefused(String file, int line, String reason) {
        String name = "refused " + unique();
        Response response = importLines(file, name);
        response.then().statusCode(400).header("x-amzn-ErrorType", "InvalidParameterException");
        assertThat(response.jsonPath().getString("message")).startsWith("Line " + line + ": ").contains(reason);
        long pools = db.preparedQuery("SELECT count(*) FROM user_pools WHERE name = $1").execute(Tuple.of(name))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(pools).as("no pool left behind").isZero();
    }

    private List<String> export(String poolId, boolean secrets, int maxUsers) {
        List<String> lines = new ArrayList<>();
        String token = null;
        do {
            ObjectNode request = JSON.createObjectNode().put("UserPoolId", poolId).put("IncludeClientSecrets", secrets).put("MaxUsers", maxUsers);
            if (token != null) {
                request.put("NextToken", token);
            }
            Response page = SignedJson.callTarget(endpoint, "CognateAdmin.ExportUserPool", request.toString());
            page.then().statusCode(200);
            page.jsonPath().getString("Lines").lines().forEach(lines::add);
            token = page.jsonPath().getString("NextToken");
        } while (token != null);
        return lines;
    }

    private Response importLines(String lines, String poolName) {
        ObjectNode request = JSON.createObjectNode().put("Lines", lines);
        if (poolName != null) {
            request.put("PoolName", poolName);
        }
        return SignedJson.callTarget(endpoint, "CognateAdmin.ImportUserPool", request.toString());
    }

    private UserType createUser(String poolId, String username, AttributeType... attributes) {
        return cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).userAttributes(attributes)
                .messageAction(MessageActionType.SUPPRESS)).user();
    }

    private void addToGroup(String poolId, UserType user, String group) {
        db.preparedQuery("INSERT INTO user_group_memberships (user_pool_id, group_name, sub, added_at)"
                        + " SELECT user_pool_id, $2, sub, now() FROM users WHERE user_pool_id = $1 AND username = $3")
                .execute(Tuple.of(poolId, group, user.username())).await().indefinitely();
    }

    private String storedHash(String poolId, String username) {
        return db.preparedQuery("SELECT password_hash FROM users WHERE user_pool_id = $1 AND username = $2")
                .execute(Tuple.of(poolId, username)).await().indefinitely().iterator().next().getString(0);
    }

    private List<String> groupsOf(String poolId, String username) {
        List<String> groups = new ArrayList<>();
        db.preparedQuery("SELECT m.group_name FROM user_group_memberships m JOIN users u ON u.user_pool_id = m.user_pool_id AND u.sub = m.sub"
                        + " WHERE u.user_pool_id = $1 AND u.username = $2 ORDER BY m.group_name")
                .execute(Tuple.of(poolId, username)).await().indefinitely().forEach(row -> groups.add(row.getString(0)));
        return groups;
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static Map<String, String> attributes(List<AttributeType> attributes) {
        return attributes.stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
