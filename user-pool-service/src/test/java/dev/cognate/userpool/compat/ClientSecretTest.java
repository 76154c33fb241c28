package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GenerateSecret: a strong random secret, returned as Cognito does, stored only sealed, never in an event. */
@QuarkusTest
class ClientSecretTest extends CognitoIdpTest {

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("secrets");
    }

    @Test
    void returnsAStrongSecretOnCreateDescribeAndUpdate() {
        UserPoolClientType created = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("confidential")
                .generateSecret(true)).userPoolClient();
        String secret = created.clientSecret();
        assertThat(secret).matches("[a-z0-9]{52}").as("52 characters of 36: more than 256 bits");
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(created.clientId())).userPoolClient().clientSecret())
                .isEqualTo(secret);
        assertThat(cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(created.clientId()).clientName("renamed"))
                .userPoolClient().clientSecret()).as("update keeps the secret").isEqualTo(secret);

        String other = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("other").generateSecret(true))
                .userPoolClient().clientSecret();
        assertThat(other).isNotEqualTo(secret);
    }

    @Test
    void storesTheSecretOnlyEncrypted() {
        UserPoolClientType created = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("sealed")
                .generateSecret(true)).userPoolClient();
        byte[] stored = secretRows(created.clientId()).get(0).getBuffer("ciphertext").getBytes();

        assertThat(stored).isNotEqualTo(created.clientSecret().getBytes(StandardCharsets.UTF_8));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(created.clientSecret());
        assertThat(stored[0]).as("SecretCipher format 1").isEqualTo((byte) 1);
        assertThat(stored).as("version, key id, nonce, ciphertext, tag").hasSize(1 + 4 + 12 + 52 + 16);
        String settings = db.preparedQuery("SELECT settings::text FROM app_clients WHERE id = $1").execute(Tuple.of(created.clientId()))
                .await().indefinitely().iterator().next().getString(0);
        assertThat(settings).doesNotContain(created.clientSecret());
    }

    @Test
    void eventsNeverCarryTheSecret() {
        UserPoolClientType created = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("evented")
                .generateSecret(true)).userPoolClient();
        cognito.updateUserPoolClient(r -> r.userPoolId(poolId).clientId(created.clientId()).clientName("evented2"));
        cognito.deleteUserPoolClient(r -> r.userPoolId(poolId).clientId(created.clientId()));

        List<String> payloads = new ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE message_key = $1 ORDER BY id").execute(Tuple.of(poolId))
                .await().indefinitely().forEach(row -> payloads.add(row.getString("payload")));
        List<String> clientEvents = payloads.stream().filter(p -> p.contains(created.clientId())).toList();
        assertThat(clientEvents).hasSize(3);
        assertThat(clientEvents.get(0)).contains("cognate.userpool.client.created.v1").contains("\"clientName\":\"evented\"");
        assertThat(clientEvents.get(1)).contains("cognate.userpool.client.updated.v1");
        assertThat(clientEvents.get(2)).contains("cognate.userpool.client.deleted.v1");
        assertThat(payloads).noneMatch(p -> p.contains(created.clientSecret()));
    }

    private List<Row> secretRows(String clientId) {
        List<Row> rows = new ArrayList<>();
        db.preparedQuery("SELECT ciphertext FROM app_client_secrets WHERE client_id = $1").execute(Tuple.of(clientId))
                .await().indefinitely().forEach(rows::add);
        return rows;
    }
}
