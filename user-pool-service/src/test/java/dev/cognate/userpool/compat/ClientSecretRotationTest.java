package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AddUserPoolClientSecret, ListUserPoolClientSecrets, DeleteUserPoolClientSecret: two secrets for rotation.
 * Signed raw JSON calls, because the AWS SDK on the test classpath predates these actions.
 */
@QuarkusTest
class ClientSecretRotationTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private String poolId;
    private UserPoolClientType client;

    @BeforeEach
    void createConfidentialClient() {
        poolId = newPool("rotation");
        client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("confidential").generateSecret(true)).userPoolClient();
    }

    @Test
    void rotatesASecretWithoutDowntime() {
        List<Map<String, Object>> before = list();
        assertThat(before).hasSize(1);
        String firstId = (String) before.get(0).get("ClientSecretId");
        assertThat(firstId).startsWith(client.clientId() + "--");
        assertThat(before.get(0)).containsOnlyKeys("ClientSecretId", "ClientSecretCreateDate");

        Response added = call("AddUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId()));
        assertThat(added.statusCode()).isEqualTo(200);
        JsonPath descriptor = added.jsonPath().setRootPath("ClientSecretDescriptor");
        String secondId = descriptor.getString("ClientSecretId");
        String secondValue = descriptor.getString("ClientSecretValue");
        assertThat(secondId).startsWith(client.clientId() + "--").isNotEqualTo(firstId);
        assertThat(secondValue).matches("[a-z0-9]{52}").isNotEqualTo(client.clientSecret());
        assertThat(descriptor.getDouble("ClientSecretCreateDate")).isPositive();

        List<Map<String, Object>> both = list();
        assertThat(both).extracting(m -> m.get("ClientSecretId")).containsExactly(firstId, secondId);
        assertThat(added.asString()).doesNotContain(client.clientSecret());
        assertThat(list().toString()).doesNotContain(secondValue).doesNotContain(client.clientSecret());

        assertThat(call("DeleteUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId(),
                "ClientSecretId", firstId)).statusCode()).isEqualTo(200);
        assertThat(list()).extracting(m -> m.get("ClientSecretId")).containsExactly(secondId);
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(client.clientId())).userPoolClient().clientSecret())
                .as("the remaining secret is the client's secret").isEqualTo(secondValue);
    }

    @Test
    void acceptsACallerChosenSecretWithoutEchoingIt() {
        String chosen = "my_own_secret_value_0123456789";
        Response added = call("AddUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId(), "ClientSecret", chosen));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.jsonPath().getMap("ClientSecretDescriptor")).containsOnlyKeys("ClientSecretId", "ClientSecretCreateDate");
        assertThat(added.asString()).doesNotContain(chosen);
        byte[] stored = db.preparedQuery("SELECT ciphertext FROM app_client_secrets WHERE id = $1")
                .execute(Tuple.of(added.jsonPath().getString("ClientSecretDescriptor.ClientSecretId")))
                .await().indefinitely().iterator().next().getBuffer("ciphertext").getBytes();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(chosen);
    }

    @Test
    void allowsAtMostTwoSecrets() {
        assertThat(call("AddUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId())).statusCode()).isEqualTo(200);
        Response third = call("AddUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId()));
        assertError(third, "LimitExceededException", "at most 2 client secrets");
        assertThat(list()).hasSize(2);
    }

    @Test
    void refusesRotationForPublicClientsUnknownSecretsAndTheLastSecret() {
        String publicClient = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("public")).userPoolClient().clientId();
        assertError(call("AddUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", publicClient)),
                "InvalidParameterException", "confidential client");
        assertError(call("ListUserPoolClientSecrets", Map.of("UserPoolId", poolId, "ClientId", "abcdefghijklmnopqrstuvwxyz")),
                "ResourceNotFoundException", "User pool client abcdefghijklmnopqrstuvwxyz does not exist.");
        assertError(call("DeleteUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId(),
                "ClientSecretId", client.clientId() + "--1")), "ResourceNotFoundException", "does not exist");
        String onlyId = (String) list().get(0).get("ClientSecretId");
        assertError(call("DeleteUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId(),
                "ClientSecretId", onlyId)), "InvalidParameterException", "only client secret");
        assertError(call("AddUserPoolClientSecret", Map.of("UserPoolId", poolId, "ClientId", client.clientId(), "ClientSecret", "short")),
                "InvalidParameterException", "at 'clientSecret' failed to satisfy constraint: Member must have length greater than or equal to 24");
        assertThat(list()).hasSize(1);
    }

    private List<Map<String, Object>> list() {
        Response response = call("ListUserPoolClientSecrets", Map.of("UserPoolId", poolId, "ClientId", client.clientId()));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.jsonPath().getList("ClientSecrets");
    }

    private Response call(String action, Map<String, String> body) {
        return SignedJson.call(endpoint, action, new io.vertx.core.json.JsonObject(new java.util.HashMap<String, Object>(body)).encode());
    }

    private static void assertError(Response response, String type, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("__type")).isEqualTo(type);
        assertThat(response.jsonPath().getString("message")).contains(message);
    }
}
