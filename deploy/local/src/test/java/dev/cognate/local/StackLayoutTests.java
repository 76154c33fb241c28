package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StackLayoutTests {

    @Test
    void readsTheThreeDirectoriesAndDerivesTheFilesFromThem() {
        StackLayout layout = StackLayout.fromArguments(new String[] {
                "--repo-root", "/repo", "--state-dir", "/repo/deploy/local/.state", "--data-dir", "/repo/deploy/local/.data" });

        assertThat(layout.repoRoot()).isEqualTo(Path.of("/repo"));
        assertThat(layout.dataDir()).isEqualTo(Path.of("/repo/deploy/local/.data"));
        assertThat(layout.stackFile()).isEqualTo(Path.of("/repo/deploy/local/.state/stack.json"));
        assertThat(layout.logFile("user-pool-service"))
                .isEqualTo(Path.of("/repo/deploy/local/.state/logs/user-pool-service.log"));
        assertThat(layout.mailDir()).isEqualTo(Path.of("/repo/deploy/local/.state/mail"));
        assertThat(layout.smsDir()).isEqualTo(Path.of("/repo/deploy/local/.state/sms"));
        assertThat(layout.serviceRunnerJar("trigger-runner"))
                .isEqualTo(Path.of("/repo/trigger-runner/target/quarkus-app/quarkus-run.jar"));
    }

    @Test
    void makesRelativeDirectoriesAbsolute() {
        StackLayout layout = StackLayout.fromArguments(new String[] {
                "--repo-root", ".", "--state-dir", "state", "--data-dir", "data" });

        assertThat(layout.repoRoot()).isAbsolute();
        assertThat(layout.stateDir()).isAbsolute().endsWithRaw(Path.of("state"));
    }

    @Test
    void rejectsAMissingDirectory() {
        assertThatThrownBy(() -> StackLayout.fromArguments(new String[] { "--repo-root", "/repo", "--state-dir", "/s" }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Usage");
    }

    @Test
    void rejectsAnUnknownOptionAndAMissingValue() {
        assertThatThrownBy(() -> StackLayout.fromArguments(new String[] { "--detach", "yes" }))
                .hasMessage("Unknown option --detach");
        assertThatThrownBy(() -> StackLayout.fromArguments(new String[] { "--repo-root" }))
                .hasMessage("Missing a value after --repo-root");
    }
}
