package dev.cognate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local stack relies on: a data directory survives a full stop and start, on stable ports. */
class PersistentDataTest {

    @TempDir
    Path dataDirectory;

    @Test
    void dataSurvivesAFullRestart() throws Exception {
        int[] ports = Ports.pickFree(3);
        InfraOptions options = InfraOptions.persistent(dataDirectory, ports[0], ports[1], ports[2]);

        try (RunningInfrastructure first = EmbeddedInfrastructure.start(options)) {
            assertThat(first.postgresPort()).isEqualTo(ports[0]);
            assertThat(first.redisPort()).isEqualTo(ports[1]);
            assertThat(first.kafkaPort()).isEqualTo(ports[2]);
            try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
                statement.execute("create schema kept");
                statement.execute("create table kept.t (v text)");
                statement.execute("insert into kept.t values ('persisted')");
            }
            RedisWire.command(Ports.LOOPBACK, first.redisPort(), "SET", "kept", "persisted");
            try (KafkaProducer<String, String> producer = KafkaClients.producer(first.kafkaBootstrapServers())) {
                producer.send(new ProducerRecord<>("kept", "persisted")).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(dataDirectory.resolve("postgres")).isDirectory();
        assertThat(dataDirectory.resolve("redis")).isDirectory();
        assertThat(Files.exists(dataDirectory.resolve("kafka/logs/meta.properties"))).isTrue();

        try (RunningInfrastructure second = EmbeddedInfrastructure.start(options)) {
            try (Connection connection = connect(second); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select v from kept.t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("persisted");
            }
            assertThat(RedisWire.command(Ports.LOOPBACK, second.redisPort(), "GET", "kept")).isEqualTo("persisted");
            assertThat(KafkaClients.consume(second.kafkaBootstrapServers(), "kept", 1, Duration.ofSeconds(30)))
                    .containsExactly("persisted");
        }
    }

    private static Connection connect(RunningInfrastructure infra) throws Exception {
        return DriverManager.getConnection(infra.postgresJdbcUrl(), EmbeddedInfrastructure.DB_USER,
                EmbeddedInfrastructure.DB_PASSWORD);
    }
}
