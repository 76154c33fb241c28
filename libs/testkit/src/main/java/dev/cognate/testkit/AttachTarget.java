package dev.cognate.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Already running infrastructure named by environment variables (e.g. one {@link InfraMain} shared by all modules
 * of a CI build): {@value #POSTGRES}, {@value #REDIS} and {@value #KAFKA}, each {@code host:port}. PostgreSQL must
 * have the database, role and password {@code cognate}.
 */
record AttachTarget(String postgresHost, int postgresPort, String redisHostAndPort, String kafkaBootstrapServers) {

    static final String POSTGRES = "COGNATE_TEST_POSTGRES";
    static final String REDIS = "COGNATE_TEST_REDIS";
    static final String KAFKA = "COGNATE_TEST_KAFKA";

    /**
     * @return the target when all three variables are set, empty when none is
     * @throws IllegalStateException when only some are set or one is not {@code host:port}
     */
    static Optional<AttachTarget> fromEnvironment(Map<String, String> environment) {
        String postgres = blankToNull(environment.get(POSTGRES));
        String redis = blankToNull(environment.get(REDIS));
        String kafka = blankToNull(environment.get(KAFKA));
        if (postgres == null && redis == null && kafka == null) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (postgres == null) {
            missing.add(POSTGRES);
        }
        if (redis == null) {
            missing.add(REDIS);
        }
        if (kafka == null) {
            missing.add(KAFKA);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Attach mode needs " + POSTGRES + ", " + REDIS + " and " + KAFKA
                    + " (host:port each), but " + String.join(", ", missing) + " is not set");
        }
        requireHostAndPort(POSTGRES, postgres);
        requireHostAndPort(REDIS, redis);
        requireHostAndPort(KAFKA, kafka);
        int colon = postgres.lastIndexOf(':');
        return Optional.of(new AttachTarget(postgres.substring(0, colon),
                Integer.parseInt(postgres.substring(colon + 1)), redis, kafka));
    }

    Map<String, String> quarkusConfig() {
        return QuarkusConfigKeys.overrides(postgresHost, postgresPort, redisHostAndPort, kafkaBootstrapServers);
    }

    private static void requireHostAndPort(String variable, String value) {
        int colon = value.lastIndexOf(':');
        boolean valid = colon > 0 && colon < value.length() - 1;
        if (valid) {
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                valid = port > 0 && port <= 65_535;
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new IllegalStateException(variable + " must be host:port, was '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
