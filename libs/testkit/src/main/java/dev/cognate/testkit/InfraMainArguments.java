package dev.cognate.testkit;

import java.nio.file.Path;

/** Command line of {@link InfraMain}. */
record InfraMainArguments(InfraOptions options, boolean watchStdin, boolean help) {

    static final String USAGE = """
            Usage: java -cp <classpath> dev.cognate.testkit.InfraMain [options]
              --data-dir DIR        keep data in DIR/{postgres,redis,kafka} between runs (default: temporary, deleted)
              --postgres-port N     PostgreSQL port on 127.0.0.1 (default 0 = pick a free one)
              --redis-port N        Redis port on 127.0.0.1 (default 0 = pick a free one)
              --kafka-port N        Kafka port on 127.0.0.1 (default 0 = pick a free one)
              --ignore-stdin        do not watch stdin (needed when started with &, nohup or < /dev/null)
              --help                show this text
            Prints one line "COGNATE_INFRA_READY postgres=HOST:PORT redis=HOST:PORT kafka=HOST:PORT" when ready.
            Stops everything on SIGTERM/SIGINT and when stdin reaches EOF.""";

    static InfraMainArguments parse(String... args) {
        Path dataDirectory = null;
        int postgresPort = 0;
        int redisPort = 0;
        int kafkaPort = 0;
        boolean watchStdin = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> dataDirectory = Path.of(value(args, ++i, arg));
                case "--postgres-port" -> postgresPort = port(value(args, ++i, arg), arg);
                case "--redis-port" -> redisPort = port(value(args, ++i, arg), arg);
                case "--kafka-port" -> kafkaPort = port(value(args, ++i, arg), arg);
                case "--ignore-stdin" -> watchStdin = false;
                case "--help", "-h" -> {
                    return new InfraMainArguments(InfraOptions.ephemeral(), false, true);
                }
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        return new InfraMainArguments(new InfraOptions(dataDirectory, postgresPort, redisPort, kafkaPort), watchStdin,
                false);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String value, String option) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number (0-65535), was " + value);
        }
    }
}
