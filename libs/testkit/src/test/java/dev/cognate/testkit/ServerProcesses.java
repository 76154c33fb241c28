package dev.cognate.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the operating-system processes of the PostgreSQL and Redis servers, to prove none outlive a close. */
final class ServerProcesses {

    private ServerProcesses() {
    }

    /**
     * PostgreSQL daemonizes (its parent becomes init), so it is found among all processes by its port argument;
     * Redis is a child of this JVM and renames itself "redis-server 127.0.0.1:PORT".
     */
    static List<String> of(int postgresPort, int redisPort) {
        return Stream.concat(
                ProcessHandle.allProcesses().filter(p -> isPostgres(p, postgresPort)),
                ProcessHandle.current().descendants().filter(p -> isRedis(p, redisPort)))
                .map(p -> p.pid() + " " + commandLine(p))
                .toList();
    }

    private static boolean isPostgres(ProcessHandle process, int port) {
        String command = commandLine(process);
        return command.contains("postgres") && command.contains("-p " + port + " ");
    }

    private static boolean isRedis(ProcessHandle process, int port) {
        String command = commandLine(process);
        return command.contains("redis-server") && (command.contains(":" + port) || command.contains("--port " + port));
    }

    /**
     * Read from /proc directly: Redis overwrites its argv with "redis-server 127.0.0.1:PORT" without NUL separators,
     * which {@code ProcessHandle.Info.commandLine()} does not report.
     */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().orElse(""); // gone meanwhile, or not Linux
        }
    }
}
