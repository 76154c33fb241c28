package dev.cognate.local;

import java.nio.file.Path;

/**
 * Where the stack finds the built services and keeps its files.
 *
 * @param repoRoot the Cognate checkout; each service runs from {@code <repoRoot>/<service>/target/quarkus-app}
 * @param stateDir per-run files: {@code stack.json}, the summary, the local credentials, {@code logs/}, {@code mail/} and {@code sms/}
 * @param dataDir PostgreSQL, Redis and Kafka data, and the services' class-data-sharing archives, kept between runs
 */
record StackLayout(Path repoRoot, Path stateDir, Path dataDir) {

    StackLayout {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** {@code --repo-root DIR --state-dir DIR --data-dir DIR}, all required. */
    static StackLayout fromArguments(String[] args) {
        Path repoRoot = null;
        Path stateDir = null;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing a value after " + option);
            }
            Path value = Path.of(args[++i]);
            switch (option) {
                case "--repo-root" -> repoRoot = value;
                case "--state-dir" -> stateDir = value;
                case "--data-dir" -> dataDir = value;
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        if (repoRoot == null || stateDir == null || dataDir == null) {
            throw new IllegalArgumentException("Usage: LocalStack --repo-root DIR --state-dir DIR --data-dir DIR");
        }
        return new StackLayout(repoRoot, stateDir, dataDir);
    }

    Path logsDir() {
        return stateDir.resolve("logs");
    }

    /** Where trigger-runner writes each email it delivers (one {@code .eml} file per message): no SMTP server needed. */
    Path mailDir() {
        return stateDir.resolve("mail");
    }

    /** Where trigger-runner writes each text message it delivers (one {@code .txt} file per message): no SMS gateway needed. */
    Path smsDir() {
        return stateDir.resolve("sms");
    }

    Path logFile(String processName) {
        return logsDir().resolve(processName + ".log");
    }

    /** Written once the stack is ready, removed when it stops: its presence means "up". */
    Path stackFile() {
        return stateDir.resolve("stack.json");
    }

    /** The text printed when the stack is ready, for {@code run up --detach} to show. */
    Path summaryFile() {
        return stateDir.resolve("summary.txt");
    }

    /** Operator key pair and demo password, generated on the first run and kept. */
    Path credentialsFile() {
        return stateDir.resolve("credentials.json");
    }

    Path serviceRunnerJar(String service) {
        return repoRoot.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The services' class-data-sharing archives ({@link StartupArchive}): made by one run, mapped by the next. */
    Path startupArchiveDir() {
        return dataDir.resolve("cds");
    }

    Path serviceDir(String service) {
        return repoRoot.resolve(service);
    }
}
