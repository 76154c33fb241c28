package dev.cognate.benchmarks.load.wrk;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WrkSummaryTest {

    /** wrk 4.1.0 (Debian) with --latency, every response refused (a 404). */
    private static final String REFUSED = """
            Running 2s test @ http://127.0.0.1:18777/nope
              1 threads and 2 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.82ms    4.73ms  54.31ms   95.89%
                Req/Sec     2.19k   632.36     3.13k    60.00%
              Latency Distribution
                 50%  596.00us
                 75%    1.46ms
                 90%    3.61ms
                 99%   29.37ms
              4376 requests in 2.01s, 2.17MB read
              Non-2xx or 3xx responses: 4376
            Requests/sec:   2177.88
            Transfer/sec:      1.08MB
            """;

    /** A long run with socket errors and some refusals, latencies in seconds. */
    private static final String SLOW = """
            Running 1m test @ http://localhost:8081
              2 threads and 8 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   165.02ms   40.20ms    1.20s    80.00%
                Req/Sec    24.12      6.01    40.00     70.00%
              Latency Distribution
                 50%  160.00ms
                 75%  180.50ms
                 90%  210.00ms
                 99%    1.02s
              2890 requests in 1.00m, 4.10MB read
              Socket errors: connect 0, read 2, write 0, timeout 5
              Non-2xx or 3xx responses: 10
            Requests/sec:     48.15
            Transfer/sec:     69.96KB
            """;

    @Test
    void readsRequestsErrorsAndLatencies() {
        WrkSummary summary = WrkSummary.parse(REFUSED);

        assertThat(summary.requests()).isEqualTo(4376);
        assertThat(summary.seconds()).isEqualTo(2.01);
        assertThat(summary.status()).isEqualTo(4376);
        assertThat(summary.ok()).isZero();
        assertThat(summary.socket()).isEmpty();
        assertThat(summary.p50()).isEqualTo(596_000);
        assertThat(summary.p75()).isEqualTo(1_460_000);
        assertThat(summary.p90()).isEqualTo(3_610_000);
        assertThat(summary.p99()).isEqualTo(29_370_000);
        assertThat(summary.mean()).isEqualTo(1_820_000);
        assertThat(summary.max()).isEqualTo(54_310_000);
        assertThat(summary.errors()).containsExactly(Map.entry("HTTP status >= 400", 4376L));
    }

    @Test
    void readsSocketErrorsMinutesAndSeconds() {
        WrkSummary summary = WrkSummary.parse(SLOW);

        assertThat(summary.seconds()).isEqualTo(60.0);
        assertThat(summary.ok()).isEqualTo(2880);
        assertThat(summary.socket()).containsExactly(Map.entry("read", 2L), Map.entry("timeout", 5L));
        assertThat(summary.socketErrors()).isEqualTo(7);
        assertThat(summary.errors()).containsExactly(Map.entry("HTTP status >= 400", 10L), Map.entry("socket read error", 2L),
                Map.entry("socket timeout error", 5L));
        assertThat(summary.p99()).isEqualTo(1_020_000_000);
        assertThat(summary.max()).isEqualTo(1_200_000_000);
    }

    @Test
    void aCleanRunHasNoErrorLines() {
        WrkSummary summary = WrkSummary.parse(REFUSED.replace("  Non-2xx or 3xx responses: 4376\n", ""));

        assertThat(summary.ok()).isEqualTo(4376);
        assertThat(summary.errors()).isEmpty();
    }

    @Test
    void refusesOutputThatIsNoSummary() {
        assertThatThrownBy(() -> WrkSummary.parse("unable to connect to localhost:8081 Connection refused\n"))
                .hasMessageContaining("no 'N requests in T' line").hasMessageContaining("Connection refused");
        assertThatThrownBy(() -> WrkSummary.parse(REFUSED.replaceAll("(?m)^\\s+\\d\\d%.*\\n", "")))
                .hasMessageContaining("--latency");
    }

    @Test
    void theCommandLineRunsTheScriptForTheDurationWithTheParameterFile() {
        try (Wrk wrk = new Wrk(Path.of("wrk"), 2, 8, Duration.ofMillis(2500))) {
            assertThat(wrk.command(URI.create("http://localhost:8081/ignored/path"), WrkRequest.get("/x"), Duration.ofMillis(20_200),
                    Path.of("/tmp/p.txt"))).containsExactly("wrk", "-t", "2", "-c", "8", "-d", "21s", "--timeout", "3s", "--latency",
                    "-s", Path.of("wrk").toAbsolutePath().resolve("get.lua").toString(), "http://localhost:8081", "--", "@/tmp/p.txt");
        }
        assertThatThrownBy(() -> new Wrk(Path.of("wrk"), 3, 2, Duration.ofSeconds(1))).hasMessageContaining("threads <= connections");
    }

    @Test
    void requestsBecomeParameterFilesOfOneLineEach() {
        WrkRequest token = WrkRequest.token("/oauth2/token", Map.of("grant_type", "client_credentials"), "id", "secret");

        assertThat(token.script()).isEqualTo("token.lua");
        assertThat(token.paramFile().lines()).containsExactlyInAnyOrder("path=/oauth2/token", "client_id=id", "client_secret=secret",
                "form.grant_type=client_credentials");
        assertThat(WrkRequest.cognito("GetUser", "{\"AccessToken\":\"a=b\"}").paramFile().lines())
                .containsExactlyInAnyOrder("target=GetUser", "body={\"AccessToken\":\"a=b\"}");
        assertThatThrownBy(() -> WrkRequest.get("/x\nInjected: 1")).hasMessageContaining("one line");
    }
}
