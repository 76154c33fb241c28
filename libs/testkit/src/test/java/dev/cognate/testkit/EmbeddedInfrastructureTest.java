package dev.cognate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedInfrastructureTest {

    private RunningInfrastructure infra;

    @BeforeAll
    void startInfrastructure() {
        infra = EmbeddedInfrastructure.start(InfraOptions.ephemeral());
    }

    @AfterAll
    void closeInfrastructure() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    @Order(1)
    void postgresAcceptsTheCognateRoleWhichMayCreateSchemas() throws SQLException {
        try (Connection connection = connectAsCognate(); Statement statement = connection.createStatement()) {
            assertThat(queryInt(statement, "select 1")).isEqualTo(1);
            statement.execute("create schema user_pool");
            statement.execute("create table user_pool.marker (id int primary key)");
            statement.execute("insert into user_pool.marker values (42)");
            assertThat(queryInt(statement, "select id from user_pool.marker")).isEqualTo(42);
        }
    }

    @Test
    @Order(2)
    void redisSetAndGet() throws Exception {
        assertThat(RedisWire.command(Ports.LOOPBACK, infra.redisPort(), "SET", "greeting", "hello")).isEqualTo("OK");
        assertThat(RedisWire.command(Ports.LOOPBACK, infra.redisPort(), "GET", "greeting")).isEqualTo("hello");
        assertThat(infra.redisUri()).isEqualTo("redis://127.0.0.1:" + infra.redisPort());
    }

    @Test
    @Order(3)
    void kafkaProduceAndConsumeOnAnAutoCreatedTopic() throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(infra.kafkaBootstrapServers())) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("round-trip", "k", "v1")).get(30, TimeUnit.SECONDS);
            assertThat(metadata.offset()).isZero();
        }
        assertThat(KafkaClients.consume(infra.kafkaBootstrapServers(), "round-trip", 1, Duration.ofSeconds(30)))
                .containsExactly("v1");
    }

    @Test
    @Order(4)
    void eventsSentWhileKafkaIsDownArriveAfterItRestarts() throws Exception {
        String topic = "outage";
        try (KafkaProducer<String, String> producer = KafkaClients.producer(infra.kafkaBootstrapServers())) {
            producer.send(new ProducerRecord<>(topic, "before")).get(30, TimeUnit.SECONDS);

            infra.stopKafka();
            assertThat(Ports.isListening(infra.kafkaPort())).isFalse();
            Future<RecordMetadata> duringOutage = KafkaClients.sendInBackground(producer, topic, "during");

            infra.startKafka();
            duringOutage.get(60, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, "after")).get(30, TimeUnit.SECONDS);
        }
        assertThat(KafkaClients.consume(infra.kafkaBootstrapServers(), topic, 3, Duration.ofSeconds(30)))
                .containsExactlyInAnyOrder("before", "during", "after");
    }

    @Test
    @Order(5)
    void redisRestartsOnTheSamePortWithItsData() throws Exception {
        RedisWire.command(Ports.LOOPBACK, infra.redisPort(), "SET", "survivor", "yes");
        infra.stopRedis();
        assertThat(Ports.isListening(infra.redisPort())).isFalse();
        infra.startRedis();
        assertThat(RedisWire.command(Ports.LOOPBACK, infra.redisPort(), "GET", "survivor")).isEqualTo("yes");
    }

    @Test
    @Order(6)
    void postgresRestartsOnTheSamePortWithItsData() throws SQLException {
        infra.stopPostgres();
        assertThat(Ports.isListening(infra.postgresPort())).isFalse();
        infra.startPostgres();
        try (Connection connection = connectAsCognate(); Statement statement = connection.createStatement()) {
            assertThat(queryInt(statement, "select id from user_pool.marker")).isEqualTo(42);
        }
    }

    @Test
    @Order(7)
    void closeFreesThePortsAndLeavesNoServerProcess() {
        int[] ports = {infra.postgresPort(), infra.redisPort(), infra.kafkaPort()};
        assertThat(ServerProcesses.of(infra.postgresPort(), infra.redisPort())).hasSize(2);

        infra.close();

        for (int port : ports) {
            assertThat(Ports.isFree(port)).as("port %d is free", port).isTrue();
        }
        // Only this infrastructure's processes: the shared one of the @QuarkusTest in this module may be running.
        assertThat(ServerProcesses.of(ports[0], ports[1])).isEmpty();
        infra.close(); // idempotent
    }

    private Connection connectAsCognate() throws SQLException {
        return DriverManager.getConnection(infra.postgresJdbcUrl(), EmbeddedInfrastructure.DB_USER,
                EmbeddedInfrastructure.DB_PASSWORD);
    }

    private static int queryInt(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

}
