package dev.cognate.testkit;

import java.nio.file.Path;

/**
 * What {@link EmbeddedInfrastructure#start(InfraOptions)} should start.
 *
 * @param dataDirectory where PostgreSQL, Redis and Kafka keep their data ({@code postgres/}, {@code redis/},
 *        {@code kafka/} below it), kept between runs; {@code null} for throw-away temporary directories that are
 *        deleted on close
 * @param postgresPort loopback port for PostgreSQL, 0 to pick a free one
 * @param redisPort loopback port for Redis, 0 to pick a free one
 * @param kafkaPort loopback port for the Kafka broker listener, 0 to pick a free one
 */
public record InfraOptions(Path dataDirectory, int postgresPort, int redisPort, int kafkaPort) {

    public InfraOptions {
        requireValidPort("postgresPort", postgresPort);
        requireValidPort("redisPort", redisPort);
        requireValidPort("kafkaPort", kafkaPort);
        dataDirectory = dataDirectory == null ? null : dataDirectory.toAbsolutePath().normalize();
    }

    /** Temporary data, free ports: what tests want. */
    public static InfraOptions ephemeral() {
        return new InfraOptions(null, 0, 0, 0);
    }

    /** Data kept in {@code dataDirectory} between runs, on the given ports (0 = pick a free one). */
    public static InfraOptions persistent(Path dataDirectory, int postgresPort, int redisPort, int kafkaPort) {
        if (dataDirectory == null) {
            throw new IllegalArgumentException("dataDirectory is required for persistent infrastructure");
        }
        return new InfraOptions(dataDirectory, postgresPort, redisPort, kafkaPort);
    }

    public boolean isEphemeral() {
        return dataDirectory == null;
    }

    private static void requireValidPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
    }
}
