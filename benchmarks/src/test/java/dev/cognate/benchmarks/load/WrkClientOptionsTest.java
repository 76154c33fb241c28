package dev.cognate.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WrkClientOptionsTest {

    private static LoadOptions parse(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"--access-key", "AK", "--secret", "SK"}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        return LoadOptions.parse(all);
    }

    @Test
    void theSdkIsTheDefaultClientAndServerCpuIsMeasuredByDefault() {
        LoadOptions options = parse("--scenario", "discovery");

        assertThat(options.client()).isEqualTo(LoadOptions.Client.SDK);
        assertThat(options.serverCpu()).isTrue();
        assertThat(options.serverPids()).isNull();
        assertThat(options.stateDirectory()).isEqualTo(LoadOptions.DEFAULT_STACK.toAbsolutePath().getParent());
    }

    @Test
    void wrkRunsTheHttpScenariosOnly() {
        for (String scenario : new String[] {"discovery", "jwks", "userinfo", "token-client-credentials", "token-refresh",
                "token-authorization-code", "get-user", "initiate-auth-password", "refresh-token"}) {
            assertThat(parse("--scenario", scenario, "--client", "wrk", "--concurrency", "8", "--wrk-threads", "2").client())
                    .isEqualTo(LoadOptions.Client.WRK);
        }
        assertThatThrownBy(() -> parse("--scenario", "initiate-auth-srp", "--client", "wrk"))
                .isInstanceOf(LoadOptions.UsageException.class).hasMessageContaining("needs --client sdk");
        assertThatThrownBy(() -> parse("--scenario", "jwks", "--client", "curl"))
                .isInstanceOf(LoadOptions.UsageException.class).hasMessageContaining("--client must be sdk or wrk");
        assertThatThrownBy(() -> parse("--scenario", "jwks", "--client", "wrk", "--concurrency", "2", "--wrk-threads", "3"))
                .isInstanceOf(LoadOptions.UsageException.class).hasMessageContaining("--wrk-threads must be between 1 and --concurrency (2)");
    }

    @Test
    void serverPidsAreCheckedAndExclusiveOfNoServerCpu() {
        assertThat(parse("--server-pids", "user-pool-service=12,34").serverPids()).isEqualTo("user-pool-service=12,34");
        assertThat(parse("--server-pid", "77").serverPids()).isEqualTo("77");
        assertThat(parse("--no-server-cpu").serverCpu()).isFalse();
        assertThatThrownBy(() -> parse("--server-pids", "postgres=abc")).isInstanceOf(LoadOptions.UsageException.class)
                .hasMessageContaining("--server-pids: not a process id: 'abc'");
        assertThatThrownBy(() -> parse("--server-pid", "-3")).isInstanceOf(LoadOptions.UsageException.class);
        assertThatThrownBy(() -> parse("--server-pids", "12", "--no-server-cpu")).isInstanceOf(LoadOptions.UsageException.class)
                .hasMessageContaining("contradicts");
    }

    @Test
    void theRedisPortComesFromTheRedisOption() {
        assertThat(parse().redisPort()).isEqualTo(16379);
        assertThat(parse("--redis", "127.0.0.1:6380").redisPort()).isEqualTo(6380);
        assertThat(parse("--redis", "redis.local").redisPort()).isEqualTo(6379);
    }
}
