package dev.cognate.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration the services' {@code application.properties} build their PostgreSQL, Redis and Kafka URLs
 * from.
 */
public final class QuarkusConfigKeys {

    public static final String DB_HOST = "cognate.db.host";
    public static final String DB_PORT = "cognate.db.port";
    public static final String DB_NAME = "cognate.db.name";
    public static final String DB_USERNAME = "quarkus.datasource.username";
    public static final String DB_PASSWORD = "quarkus.datasource.password";
    public static final String REDIS_HOSTS = "quarkus.redis.hosts";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    private QuarkusConfigKeys() {
    }

    /**
     * @param redisHostAndPort e.g. {@code 127.0.0.1:6379}
     * @param kafkaBootstrapServers e.g. {@code 127.0.0.1:9092}
     */
    static Map<String, String> overrides(String postgresHost, int postgresPort, String redisHostAndPort,
            String kafkaBootstrapServers) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(DB_HOST, postgresHost);
        config.put(DB_PORT, Integer.toString(postgresPort));
        config.put(DB_NAME, EmbeddedInfrastructure.DB_NAME);
        config.put(DB_USERNAME, EmbeddedInfrastructure.DB_USER);
        config.put(DB_PASSWORD, EmbeddedInfrastructure.DB_PASSWORD);
        config.put(REDIS_HOSTS, "redis://" + redisHostAndPort);
        config.put(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        return Map.copyOf(config);
    }
}
