package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class LocalCredentialsTests {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void generatesOnceAndKeepsTheSameCredentialsForLaterRuns(@TempDir Path stateDir) throws IOException {
        Path file = stateDir.resolve("nested/credentials.json");

        LocalCredentials first = LocalCredentials.loadOrCreate(file, json);
        LocalCredentials second = LocalCredentials.loadOrCreate(file, json);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void generatesALocalOnlyKeyPairAndAPasswordThatMeetsTheDefaultPolicy() {
        LocalCredentials credentials = LocalCredentials.generate();

        assertThat(credentials.operatorAccessKeyId()).matches("LOCAL[A-Z0-9]{15}");
        assertThat(credentials.operatorSecretAccessKey()).matches("[A-Za-z0-9]{40}");
        assertThat(credentials.demoPassword()).hasSizeGreaterThanOrEqualTo(8)
                .containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]").containsPattern("[^A-Za-z0-9]")
                // Safe to paste unquoted into the shell commands the summary prints.
                .matches("[A-Za-z0-9-]+");
        assertThat(Base64.getDecoder().decode(credentials.masterKey())).as("AES-256 master key").hasSize(32);
        assertThat(LocalCredentials.generate()).isNotEqualTo(credentials);
    }

    @Test
    void addsAMasterKeyToCredentialsWrittenBeforeThereWasOne(@TempDir Path stateDir) throws IOException {
        Path file = stateDir.resolve("credentials.json");
        Files.writeString(file, "{\"operatorAccessKeyId\":\"LOCALOLD\",\"operatorSecretAccessKey\":\"old-secret\",\"demoPassword\":\"Demo-old1\"}");

        LocalCredentials upgraded = LocalCredentials.loadOrCreate(file, json);

        assertThat(upgraded.operatorAccessKeyId()).isEqualTo("LOCALOLD");
        assertThat(upgraded.operatorSecretAccessKey()).isEqualTo("old-secret");
        assertThat(upgraded.demoPassword()).isEqualTo("Demo-old1");
        assertThat(Base64.getDecoder().decode(upgraded.masterKey())).hasSize(32);
        assertThat(LocalCredentials.loadOrCreate(file, json)).as("kept for later runs").isEqualTo(upgraded);
    }
}
