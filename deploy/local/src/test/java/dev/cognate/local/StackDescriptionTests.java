package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StackDescriptionTests {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesTheDocumentedShape(@TempDir Path stateDir) throws IOException {
        Path file = stateDir.resolve("stack.json");
        stack(new StackDescription.Demo("us-east-1_abc", "client1", "demo", "Demo-pass1", "us-east-1:pool-id")).writeTo(file, json);

        JsonNode written = json.readTree(file.toFile());

        assertThat(written.path("region").asText()).isEqualTo("us-east-1");
        assertThat(written.path("endpoints").path("userPool").asText()).isEqualTo("http://localhost:8081");
        assertThat(written.path("endpoints").path("hostedUi").asText()).isEqualTo("http://localhost:8082");
        assertThat(written.path("endpoints").path("identityPool").asText()).isEqualTo("http://localhost:8083");
        assertThat(written.path("endpoints").path("triggerRunner").asText()).isEqualTo("http://localhost:8084");
        assertThat(written.path("endpoints").path("sts").asText()).isEqualTo("http://localhost:8083/sts");
        assertThat(written.path("operatorCredentials").path("accessKeyId").asText()).isEqualTo("LOCALKEY");
        assertThat(written.path("operatorCredentials").path("secretAccessKey").asText()).isEqualTo("s3cret");
        assertThat(written.path("demo").path("userPoolId").asText()).isEqualTo("us-east-1_abc");
        assertThat(written.path("demo").path("clientId").asText()).isEqualTo("client1");
        assertThat(written.path("demo").path("username").asText()).isEqualTo("demo");
        assertThat(written.path("demo").path("password").asText()).isEqualTo("Demo-pass1");
        assertThat(written.path("demo").path("identityPoolId").asText()).isEqualTo("us-east-1:pool-id");
        assertThat(stateDir.resolve("stack.json.tmp")).doesNotExist();
    }

    @Test
    void leavesOutTheDemoKeysThatDoNotExistYet(@TempDir Path stateDir) throws IOException {
        Path poolOnly = stateDir.resolve("pool-only.json");
        stack(new StackDescription.Demo("us-east-1_abc", null, null, null)).writeTo(poolOnly, json);
        Path noDemo = stateDir.resolve("no-demo.json");
        stack(null).writeTo(noDemo, json);

        assertThat(fieldNames(json.readTree(poolOnly.toFile()).path("demo"))).containsExactly("userPoolId");
        assertThat(fieldNames(json.readTree(noDemo.toFile())))
                .containsExactly("region", "endpoints", "operatorCredentials");
    }

    static StackDescription stack(StackDescription.Demo demo) {
        return new StackDescription("us-east-1", StackDescription.Endpoints.local(),
                new StackDescription.OperatorCredentials("LOCALKEY", "s3cret"), demo);
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
