package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
        assertThat(LocalCredentials.generate()).isNotEqualTo(credentials);
    }
}
