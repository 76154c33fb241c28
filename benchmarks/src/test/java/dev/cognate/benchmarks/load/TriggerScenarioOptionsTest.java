package dev.cognate.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger scenarios' endpoints: trigger-invoke loads trigger-runner's internal port, the sign-in user-pool-service. */
class TriggerScenarioOptionsTest {

    @Test
    void triggerInvokeLoadsTheInternalPortAndMakesItsPoolOnUserPoolService() {
        LoadOptions options = LoadOptions.parse("--scenario", "trigger-invoke", "--access-key", "AK", "--secret", "SK");

        assertThat(options.scenario()).isEqualTo(Scenario.TRIGGER_INVOKE);
        assertThat(options.endpoint()).isEqualTo(URI.create("http://localhost:8094"));
        assertThat(options.userPoolEndpoint()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(Scenario.TRIGGER_INVOKE.loopbackFunction()).isTrue();
        assertThat(Scenario.TRIGGER_INVOKE.signIn()).isFalse();
    }

    @Test
    void signInWithPreTokenGenerationIsASignInOnUserPoolServiceWithAFunction() {
        LoadOptions options = LoadOptions.parse("--scenario", "sign-in-pre-token-generation", "--access-key", "AK", "--secret", "SK");

        assertThat(options.endpoint()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(Scenario.SIGN_IN_PRE_TOKEN_GENERATION.signIn()).isTrue();
        assertThat(Scenario.SIGN_IN_PRE_TOKEN_GENERATION.loopbackFunction()).isTrue();
        assertThat(Scenario.SIGN_IN_PRE_TOKEN_GENERATION.triggerRunnerInternal()).isFalse();
        assertThat(Scenario.REFRESH_PRE_TOKEN_GENERATION.preTokenGeneration()).isTrue();
        assertThat(Scenario.REFRESH_PRE_TOKEN_GENERATION.signIn()).isTrue();
        assertThat(Scenario.TRIGGER_INVOKE.preTokenGeneration()).isFalse();
    }

    @Test
    void theTriggerInvokeEndpointStaysLoopbackOnly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoadOptions.parse("--scenario", "trigger-invoke", "--access-key", "AK",
                "--secret", "SK", "--endpoint", "http://192.0.2.1:8094")).hasMessageContaining("not a loopback address");
    }
}
