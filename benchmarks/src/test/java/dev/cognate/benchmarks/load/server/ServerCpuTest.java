package dev.cognate.benchmarks.load.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ServerCpuTest {

    @TempDir
    Path dir;

    @Test
    void parsesTheTicksAfterACommandNameWithSpacesAndParentheses() {
        ProcStat stat = ProcStat.parse("4242 (java (x) y) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 7 9 20 0 61 0 100 0 0");

        assertThat(stat.pid()).isEqualTo(4242);
        assertThat(stat.comm()).isEqualTo("java (x) y");
        assertThat(stat.ppid()).isEqualTo(1);
        assertThat(stat.ticksWithEndedChildren()).isEqualTo(1500 + 250 + 7 + 9);
    }

    @Test
    void countsThePostmasterWithItsBackendsAliveEndedAndNew() {
        FakeProc proc = new FakeProc(dir)
                .process(100, "postgres", 1, 10, 5, 0, 0, "postgres -D data -p 15432")
                .process(101, "postgres", 100, 20, 10, 0, 0, "postgres: checkpointer")
                .process(102, "postgres", 100, 300, 100, 0, 0, "postgres: cognate cognate 127.0.0.1(1) idle")
                .process(200, "java", 1, 1000, 200, 0, 0, "java -jar user-pool-service/target/quarkus-app/quarkus-run.jar");
        ServerCpu cpu = new ServerCpu(proc.procFs(), List.of(new ServerProcess("user-pool-service", 200), new ServerProcess("postgres", 100)));
        ServerCpu.Sample start = cpu.sample();

        // backend 102 used 50 more ticks and ended; the postmaster reaped it (its lifetime 450 + 150 moves to cutime/cstime)
        proc.gone(102);
        proc.process(100, "postgres", 1, 12, 5, 450, 150, "postgres -D data -p 15432")
                .process(103, "postgres", 100, 70, 30, 0, 0, "postgres: cognate cognate 127.0.0.1(2) idle") // a new backend
                .process(200, "java", 1, 1400, 300, 0, 0, "java -jar user-pool-service/target/quarkus-app/quarkus-run.jar");
        ServerCpuUse use = cpu.between(start, cpu.sample());

        assertThat(use.parts()).extracting(ServerCpuUse.Part::name).containsExactly("user-pool-service", "postgres");
        assertThat(use.parts().get(0).cpuSeconds()).isCloseTo(5.00, within(1e-9)); // 400 + 100 ticks
        // postmaster +2, backend 102 +200 (600 at its end - 400 at start), new backend 103 +100
        assertThat(use.parts().get(1).cpuSeconds()).isCloseTo(3.02, within(1e-9));
        assertThat(use.parts().get(1).processes()).isEqualTo(3); // postmaster, checkpointer, backend 103
        assertThat(use.totalCpuSeconds()).isCloseTo(8.02, within(1e-9));
    }

    @Test
    void perCoreIsOkRequestsPerServerCpuSecond() {
        ServerCpuUse use = new ServerCpuUse(List.of(new ServerCpuUse.Part("user-pool-service", 1, 1, 6.0),
                new ServerCpuUse.Part("postgres", 2, 12, 3.5), new ServerCpuUse.Part("redis", 3, 1, 0.5)), 20.0);

        assertThat(use.totalCpuSeconds()).isEqualTo(10.0);
        assertThat(use.perCore(12_345)).isEqualTo(1234.5);
        assertThat(use.cpuMillisPerRequest(5_000)).isEqualTo(2.0);
        assertThat(new ServerCpuUse(List.of(new ServerCpuUse.Part("idle", 1, 1, 0)), 1).perCore(10)).isNaN();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        use.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 12_345);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("user-pool-service", "6.00 s", "0.30 cores", "pid 2 + 11 descendants")
                .contains("total", "10.00 s", "0.50 cores", "1235 ok requests per server CPU-second (per core)");
    }

    @Test
    void readsThisJvmsOwnCpuTimeFromTheRealProc() {
        ServerCpu self = new ServerCpu(ProcFs.system(), List.of(new ServerProcess("me", ProcessHandle.current().pid())));
        ServerCpu.Sample sample = self.sample();

        assertThat(sample.ticks()[0]).isPositive();
        assertThat(sample.processes()[0]).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesAProcessThatIsNotThere() {
        FakeProc proc = new FakeProc(dir).process(100, "java", 1, 1, 1, 0, 0, "java");

        assertThatThrownBy(() -> new ServerCpu(proc.procFs(), List.of(new ServerProcess("redis", 4242))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no process 4242 (redis)");
    }

    @Test
    void parsesAListOfNamedAndUnnamedPids() {
        assertThat(ServerProcess.parseList("user-pool-service=12, 34 ,redis=56", pid -> "comm-" + pid)).containsExactly(
                new ServerProcess("user-pool-service", 12), new ServerProcess("comm-34", 34), new ServerProcess("redis", 56));
        assertThatThrownBy(() -> ServerProcess.parseList("a=x", pid -> "")).hasMessageContaining("not a process id: 'x'");
        assertThatThrownBy(() -> ServerProcess.parseList("0", pid -> "")).hasMessageContaining("not a process id: 0");
        assertThatThrownBy(() -> ServerProcess.parseList(" , ", pid -> "")).hasMessageContaining("no process id");
    }
}
