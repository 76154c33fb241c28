package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackProcessesTests {

    @TempDir
    Path logs;

    @Test
    void stopsEveryAdoptedProcessAndOnlyOnce() throws IOException {
        StackProcesses processes = new StackProcesses();
        ManagedProcess infrastructure = start("infrastructure");
        ManagedProcess service = start("service");
        processes.adoptInfrastructure(infrastructure);
        processes.adoptService(service);

        assertThat(processes.stopAll()).isTrue();

        assertThat(infrastructure.isAlive()).isFalse();
        assertThat(service.isAlive()).isFalse();
        assertThat(processes.isStopping()).isTrue();
        assertThat(processes.stopAll()).isFalse();
    }

    @Test
    void stopsAProcessHandedOverAfterStoppingBegan() throws IOException {
        StackProcesses processes = new StackProcesses();
        processes.stopAll();
        ManagedProcess late = start("late");

        assertThatThrownBy(() -> processes.adoptService(late)).isInstanceOf(StackProcesses.StoppingException.class);
        assertThat(late.isAlive()).isFalse();
    }

    @Test
    void reportsTheFirstProcessToExit() throws Exception {
        StackProcesses processes = new StackProcesses();
        ManagedProcess longRunning = start("long");
        ManagedProcess shortLived = new ManagedProcess("short",
                new ProcessBuilder("sh", "-c", "exit 7").start(), logs.resolve("short.log"));
        processes.adoptInfrastructure(longRunning);
        processes.adoptService(shortLived);

        ManagedProcess first = processes.firstExit().get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(first).isSameAs(shortLived);
        assertThat(first.exitCode()).isEqualTo(7);
        longRunning.stop(Duration.ofSeconds(5));
    }

    /** A service writing its class-data-sharing archive as it exits gets a longer grace than the others (StartupArchive). */
    @Test
    void givesEachServiceItsOwnGraceBeforeKillingIt() throws IOException, InterruptedException {
        StackProcesses processes = new StackProcesses();
        ManagedProcess patient = slowToStop("patient");
        ManagedProcess hurried = slowToStop("hurried");
        processes.adoptService(patient, Duration.ofSeconds(30));
        processes.adoptService(hurried, Duration.ofMillis(500));

        processes.stopAll();

        assertThat(patient.exitCode()).as("stopped by itself after its 2 s of cleaning up").isZero();
        assertThat(hurried.exitCode()).as("killed (SIGKILL) when its grace ran out").isEqualTo(137);
    }

    /** Takes 2 s to exit after SIGTERM, as a JVM writing its archive does. */
    private ManagedProcess slowToStop(String name) throws IOException, InterruptedException {
        Path log = logs.resolve(name + ".log");
        ManagedProcess process = new ManagedProcess(name, new ProcessBuilder("sh", "-c",
                "trap 'sleep 2; exit 0' TERM; echo ready; sleep 60 & wait").redirectOutput(log.toFile()).start(), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(log).contains("ready") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return process;
    }

    private ManagedProcess start(String name) throws IOException {
        Path log = logs.resolve(name + ".log");
        return new ManagedProcess(name, new ProcessBuilder("sleep", "60").redirectOutput(log.toFile()).start(), log);
    }
}
