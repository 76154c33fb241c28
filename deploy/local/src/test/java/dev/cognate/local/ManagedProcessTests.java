package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTests {

    @TempDir
    Path logs;

    @Test
    void stopsAProcessThatHonoursSigterm() throws IOException {
        ManagedProcess process = start("exec sleep 60");

        process.stop(Duration.ofSeconds(10));

        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void killsAProcessThatIgnoresSigtermOnceTheGraceRunsOut() throws IOException {
        ManagedProcess process = start("trap '' TERM; echo trapped; while :; do sleep 1; done");
        awaitLogLine(process, "trapped");
        long startedAt = System.nanoTime();

        process.stop(Duration.ofMillis(500));

        assertThat(process.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void stopsTheChildrenAProcessLeavesBehind() throws IOException {
        // The shell dies on SIGTERM without passing it on; its background sleep would be orphaned.
        ManagedProcess process = start("sleep 60 & echo started; wait");
        awaitLogLine(process, "started");
        List<ProcessHandle> children = ProcessHandle.of(process.pid()).orElseThrow().children().toList();
        assertThat(children).isNotEmpty();

        process.stop(Duration.ofSeconds(10));

        assertThat(process.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void returnsTheLastLinesOfItsLog() throws IOException {
        ManagedProcess process = start("for i in 1 2 3 4 5; do echo line $i; done");
        assertThat(process.awaitExit(Duration.ofSeconds(10))).isTrue();

        assertThat(process.logTail(2)).isEqualTo("line 4" + System.lineSeparator() + "line 5");
        assertThat(process.exitCode()).isZero();
    }

    private ManagedProcess start(String script) throws IOException {
        Path log = logs.resolve("process.log");
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ManagedProcess("test", process, log);
    }

    /** The shell has set up its traps and children once it has printed this line. */
    private static void awaitLogLine(ManagedProcess process, String line) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(process.log()).contains(line)) {
            assertThat(System.nanoTime()).as("time to see '%s'", line).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
