package dev.cognate.benchmarks.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two MFA sign-in scenarios' command line: user-pool-service, users per virtual user, the mail directory. */
class MfaScenarioOptionsTest {

    @Test
    void signInTotpIsATwoStepSignInOnUserPoolServiceWithUsersPerVirtualUser() {
        LoadOptions options = LoadOptions.parse("--scenario", "sign-in-totp", "--access-key", "AK", "--secret", "SK", "--mfa-users", "40");

        assertThat(options.scenario()).isEqualTo(Scenario.SIGN_IN_TOTP);
        assertThat(options.endpoint()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(options.mfaUsers()).isEqualTo(40);
        assertThat(Scenario.SIGN_IN_TOTP.twoStepSignIn()).isTrue();
        assertThat(Scenario.SIGN_IN_TOTP.signIn()).as("not the single-user sign-in set-up").isFalse();
        assertThat(LoadOptions.parse("--scenario", "sign-in-totp", "--access-key", "AK", "--secret", "SK").mfaUsers()).isEqualTo(100);
    }

    @Test
    void mfaUsersOutOfBoundsIsACommandLineError() {
        assertThatThrownBy(() -> LoadOptions.parse("--scenario", "sign-in-totp", "--access-key", "AK", "--secret", "SK", "--mfa-users", "0"))
                .isInstanceOf(LoadOptions.UsageException.class).hasMessageContaining("--mfa-users must be between 1 and 10000");
        assertThatThrownBy(() -> LoadOptions.parse("--scenario", "sign-in-totp", "--access-key", "AK", "--secret", "SK", "--mfa-users", "10001"))
                .isInstanceOf(LoadOptions.UsageException.class);
    }

    @Test
    void theMailDirectoryIsBesideTheStackFileUnlessGiven(@TempDir Path state) throws Exception {
        Path stack = state.resolve("stack.json");
        Files.writeString(stack, """
                {"region":"us-east-1","endpoints":{"userPool":"http://localhost:8081"},
                 "operatorCredentials":{"accessKeyId":"AK","secretAccessKey":"SK"}}""");

        LoadOptions fromStack = LoadOptions.parse("--scenario", "sign-in-email-otp", "--stack", stack.toString());
        assertThat(fromStack.mailDirectory()).isEqualTo(state.toAbsolutePath().resolve("mail"));
        assertThat(fromStack.scenario().twoStepSignIn()).isTrue();

        LoadOptions given = LoadOptions.parse("--scenario", "sign-in-email-otp", "--access-key", "AK", "--secret", "SK",
                "--mail-dir", "/tmp/elsewhere");
        assertThat(given.mailDirectory()).isEqualTo(Path.of("/tmp/elsewhere"));
        assertThat(LoadOptions.parse("--scenario", "sign-in-email-otp", "--access-key", "AK", "--secret", "SK").mailDirectory())
                .isEqualTo(LoadOptions.DEFAULT_MAIL);
    }
}
