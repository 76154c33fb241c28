package dev.cognate.userpool.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The cognate-pool command against the running service: export to a file, import it as a new pool. */
@QuarkusTest
class PoolTransferTest extends CognitoIdpTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void operatorCredentials() {
        // The AWS SDK's default credentials chain reads these system properties first.
        System.setProperty("aws.accessKeyId", CognitoIdpClients.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", CognitoIdpClients.SECRET);
    }

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void exportsToAFileAndImportsItAsANewPool(@TempDir Path dir) throws Exception {
        String poolId = newPool("cli");
        for (String name : new String[] {"ann", "ben", "cat"}) {
            cognito.adminCreateUser(r -> r.userPoolId(poolId).username(name).messageAction(MessageActionType.SUPPRESS));
        }
        Path file = dir.resolve("pool.jsonl");

        int exported = run("export", "--endpoint", endpoint.toString(), "--pool", poolId, "--out", file.toString(), "--page-size", "2");
        assertThat(exported).as(err.toString()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(4).first().asString().contains("\"type\":\"pool\"");

        String name = "cli copy " + unique();
        int imported = run("import", "--endpoint", endpoint.toString(), "--in", file.toString(), "--pool-name", name);
        assertThat(imported).as(err.toString()).isZero();
        String newPoolId = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("UserPoolId").asText();
        assertThat(cognito.listUsers(r -> r.userPoolId(newPoolId)).users()).hasSize(3);
    }

    @Test
    void reportsTheServicesRefusalAndBadUsage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"type\":\"pool\",\"formatVersion\":9}\n");
        assertThat(run("import", "--endpoint", endpoint.toString(), "--in", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("InvalidParameterException: Line 1: unsupported formatVersion 9");

        assertThat(run("export", "--endpoint", endpoint.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing --pool");
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return PoolTransfer.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
