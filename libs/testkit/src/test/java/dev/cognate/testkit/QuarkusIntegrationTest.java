package dev.cognate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs inside a real Quarkus test application. The class itself carries no test resource annotation: the config
 * comes from the GLOBAL registration on {@link CognateTestInfrastructure}.
 */
@QuarkusTest
class QuarkusIntegrationTest {

    @Test
    void theApplicationIsConfiguredForTheEmbeddedInfrastructure() throws Exception {
        Config config = ConfigProvider.getConfig();
        String host = config.getValue(QuarkusConfigKeys.DB_HOST, String.class);
        int port = config.getValue(QuarkusConfigKeys.DB_PORT, Integer.class);
        String database = config.getValue(QuarkusConfigKeys.DB_NAME, String.class);
        String user = config.getValue(QuarkusConfigKeys.DB_USERNAME, String.class);
        String password = config.getValue(QuarkusConfigKeys.DB_PASSWORD, String.class);
        assertThat(database).isEqualTo("cognate");

        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        // Not DriverManager: it rejects the driver the system class loader registered, as seen from this loader.
        try (Connection connection = new org.postgresql.Driver().connect(
                "jdbc:postgresql://" + host + ":" + port + "/" + database, credentials);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_user")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("cognate");
        }

        String redisHosts = config.getValue(QuarkusConfigKeys.REDIS_HOSTS, String.class);
        assertThat(redisHosts).startsWith("redis://127.0.0.1:");
        String redisHostAndPort = redisHosts.substring("redis://".length());
        assertThat(RedisWire.command("127.0.0.1", port(redisHostAndPort), "PING")).isEqualTo("PONG");

        String kafka = config.getValue(QuarkusConfigKeys.KAFKA_BOOTSTRAP_SERVERS, String.class);
        assertThat(Ports.isListening(port(kafka))).isTrue();
    }

    @Test
    void restartControlsWorkFromInsideTheQuarkusClassLoader() throws Exception {
        // The premise: this test does not see the system class loader's copy of the testkit.
        assertThat(TestInfrastructure.class.getClassLoader()).isNotSameAs(ClassLoader.getSystemClassLoader());

        String kafka = ConfigProvider.getConfig().getValue(QuarkusConfigKeys.KAFKA_BOOTSTRAP_SERVERS, String.class);
        String topic = "quarkus-restart";
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka)) {
            producer.send(new ProducerRecord<>(topic, "before")).get(30, TimeUnit.SECONDS);

            TestInfrastructure.stopKafka();
            assertThat(Ports.isListening(port(kafka))).isFalse();
            Future<RecordMetadata> duringOutage = KafkaClients.sendInBackground(producer, topic, "during");
            TestInfrastructure.startKafka();

            duringOutage.get(60, TimeUnit.SECONDS);
        }
        assertThat(KafkaClients.consume(kafka, topic, 2, Duration.ofSeconds(30)))
                .containsExactlyInAnyOrder("before", "during");

        String redisHostAndPort = ConfigProvider.getConfig()
                .getValue(QuarkusConfigKeys.REDIS_HOSTS, String.class).substring("redis://".length());
        RedisWire.command("127.0.0.1", port(redisHostAndPort), "SET", "k", "v");
        TestInfrastructure.stopRedis();
        assertThat(Ports.isListening(port(redisHostAndPort))).isFalse();
        TestInfrastructure.startRedis();
        assertThat(RedisWire.command("127.0.0.1", port(redisHostAndPort), "GET", "k")).isEqualTo("v");
    }

    static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }
}
