package dev.cognate.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {

    private static Comparison.Run run(String scenario, boolean cognate, int round, double perCore, long errors, long p99Millis) {
        return new Comparison.Run(scenario, cognate, round, 1000, errors, 100, 1_000_000, p99Millis * 1_000_000, perCore);
    }

    @Test
    void theRatioIsTakenRoundByRoundAndSpreadOverTheRounds() {
        Comparison comparison = new Comparison();
        comparison.add(run("refresh", true, 1, 400, 0, 20));
        comparison.add(run("refresh", false, 1, 500, 0, 30));
        comparison.add(run("refresh", false, 2, 400, 2, 45)); // round 2 ran the other first
        comparison.add(run("refresh", true, 2, 380, 1, 25));
        comparison.add(run("refresh", true, 3, 450, 0, 22));
        comparison.add(run("refresh", false, 3, 450, 0, 31));

        Comparison.Row row = comparison.rows().get(0);

        assertThat(row.scenario()).isEqualTo("refresh");
        assertThat(row.cognate()).isEqualTo(new Comparison.Spread(380, 400, 450, 3));
        assertThat(row.other()).isEqualTo(new Comparison.Spread(400, 450, 500, 3));
        // 400/500 = 0.80, 380/400 = 0.95, 450/450 = 1.00: not the ratio of the medians (400/450 = 0.89)
        assertThat(row.ratio().min()).isCloseTo(0.80, within(1e-12));
        assertThat(row.ratio().median()).isCloseTo(0.95, within(1e-12));
        assertThat(row.ratio().max()).isCloseTo(1.00, within(1e-12));
        assertThat(row.cognateErrors()).isEqualTo(1);
        assertThat(row.otherErrors()).isEqualTo(2);
        assertThat(row.cognateP99()).isEqualTo(25_000_000);
        assertThat(row.otherP99()).isEqualTo(45_000_000);
    }

    @Test
    void aRoundWithoutTheOthersCpuHasNoRatioAndAnEvenCountTakesTheMiddlePair() {
        Comparison comparison = new Comparison();
        comparison.add(run("jwks", true, 1, 20_000, 0, 1));
        comparison.add(run("jwks", false, 1, Double.NaN, 0, 1));
        comparison.add(run("jwks", true, 2, 22_000, 0, 1));

        Comparison.Row row = comparison.rows().get(0);

        assertThat(row.cognate()).isEqualTo(new Comparison.Spread(20_000, 21_000, 22_000, 2));
        assertThat(row.other().count()).isZero();
        assertThat(row.ratio().count()).isZero();
        assertThat(row.ratio().format("%.2f×")).isEqualTo("n/a");
    }

    @Test
    void printsOneRowPerScenarioInTheOrderRun() {
        Comparison comparison = new Comparison();
        comparison.add(run("discovery", true, 1, 6000, 0, 3));
        comparison.add(run("discovery", false, 1, 5000, 0, 4));
        comparison.add(run("password", true, 1, 40, 0, 300));
        comparison.add(run("password", false, 1, 50, 0, 200));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        comparison.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "keycloak");

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.get(0)).contains("Cognate per core", "keycloak per core", "Cognate ÷ keycloak");
        assertThat(lines.get(1)).startsWith("discovery").contains("6000", "5000", "1.20×", "0 / 0, 3.0 / 4.0 ms");
        assertThat(lines.get(2)).startsWith("password").contains("40", "50", "0.80×");
    }

    @Test
    void sideBySideNeedsTheOtherProviderAndRunsItsOwnScenarios() {
        SideBySide.Options options = SideBySide.Options.parse("--access-key", "AK", "--secret", "SK", "--other-issuer",
                "http://localhost:8180/realms/cognate-bench", "--other-client-id", "bench", "--other-client-secret", "s",
                "--other-username", "u", "--other-password", "p", "--scenarios", "jwks,password", "--rounds", "3",
                "--concurrency", "4", "--other-name", "keycloak");

        assertThat(options.scenarios()).containsExactly(SideBySide.OidcScenario.JWKS, SideBySide.OidcScenario.PASSWORD);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.load().client()).isEqualTo(LoadOptions.Client.WRK);
        assertThat(options.load().concurrency()).isEqualTo(4);
        assertThat(options.otherName()).isEqualTo("keycloak");
        assertThat(options.warmRounds()).isZero();

        assertThatThrownBy(() -> SideBySide.Options.parse("--access-key", "AK", "--secret", "SK", "--other-issuer", "http://localhost:8180/r"))
                .isInstanceOf(LoadOptions.UsageException.class).hasMessageContaining("--other-client-id is required");
        assertThatThrownBy(() -> SideBySide.Options.parse("--access-key", "AK", "--secret", "SK", "--other-issuer", "http://localhost:1/r",
                "--other-client-id", "c", "--other-client-secret", "s", "--other-username", "u", "--other-password", "p",
                "--scenarios", "jwks,authorization-code")).hasMessageContaining("unknown side-by-side scenario authorization-code");
        assertThatThrownBy(() -> SideBySide.Options.parse("--access-key", "AK", "--secret", "SK", "--other-issuer", "http://localhost:1/r",
                "--other-client-id", "c", "--other-client-secret", "s", "--other-username", "u", "--other-password", "p",
                "--warm-rounds", "21")).hasMessageContaining("--warm-rounds must be between 0 and 20");
        assertThatThrownBy(() -> SideBySide.Options.parse("--access-key", "AK", "--secret", "SK", "--other-issuer", "http://localhost:1/r",
                "--other-client-id", "c", "--other-client-secret", "s", "--other-username", "u", "--other-password", "p",
                "--client", "sdk")).hasMessageContaining("use wrk");
    }

    @Test
    void anEndpointOfTheOthersDiscoveryMustShareTheIssuersOrigin() throws Exception {
        var discovery = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"token_endpoint": "http://localhost:8180/realms/r/protocol/openid-connect/token",
                 "jwks_uri": "http://elsewhere:8180/realms/r/certs"}""");

        assertThat(SideBySide.sameOriginPath(discovery, "token_endpoint", "http://localhost:8180"))
                .isEqualTo("/realms/r/protocol/openid-connect/token");
        assertThatThrownBy(() -> SideBySide.sameOriginPath(discovery, "jwks_uri", "http://localhost:8180"))
                .hasMessageContaining("is not under http://localhost:8180");
    }
}
