package dev.cognate.local;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cognate.testkit.EmbeddedInfrastructure;
import dev.cognate.testkit.Ports;

/** The environment variables every service is configured by, pointed at the local infrastructure it uses. */
final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    static Map<String, String> of(CognateService service, InfraPorts infra, String region,
            LocalCredentials credentials, StackLayout layout) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        // A laptop stack answers only on this machine, like its infrastructure.
        environment.put("QUARKUS_HTTP_HOST", Ports.LOOPBACK);
        // hosted-ui-service keeps its state in Redis and asks user-pool-service for the rest: no database, no Kafka.
        if (usesDatabaseAndKafka(service)) {
            environment.put("COGNATE_DB_HOST", Ports.LOOPBACK);
            environment.put("COGNATE_DB_PORT", Integer.toString(infra.postgres()));
            environment.put("COGNATE_DB_NAME", EmbeddedInfrastructure.DB_NAME);
            environment.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedInfrastructure.DB_USER);
            environment.put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedInfrastructure.DB_PASSWORD);
            environment.put("KAFKA_BOOTSTRAP_SERVERS", Ports.LOOPBACK + ":" + infra.kafka());
        }
        environment.put("QUARKUS_REDIS_HOSTS", "redis://" + Ports.LOOPBACK + ":" + infra.redis());
        environment.put("COGNATE_REGION", region);
        environment.put("COGNATE_OPERATOR_ACCESS_KEYS",
                credentials.operatorAccessKeyId() + ":" + credentials.operatorSecretAccessKey());
        // user-pool-service seals the codes and temporary passwords it puts on cognate.messages; trigger-runner
        // opens them to deliver them; identity-pool-service seals the session tokens of the credentials it vends.
        // hosted-ui-service does not hold the key.
        if (service.name().equals(CognateService.USER_POOL.name())
                || service.name().equals(CognateService.TRIGGER_RUNNER.name())
                || service.name().equals(CognateService.IDENTITY_POOL.name())) {
            environment.put("COGNATE_MASTER_KEY", credentials.masterKey());
        }
        if (service.name().equals(CognateService.TRIGGER_RUNNER.name())) {
            // No SMTP server nor SMS gateway on a laptop: each email and each text message becomes a file a developer can read.
            environment.put("COGNATE_DELIVERY_EMAIL_MODE", "file");
            environment.put("COGNATE_DELIVERY_EMAIL_DIRECTORY", layout.mailDir().toString());
            environment.put("COGNATE_DELIVERY_SMS_MODE", "file");
            environment.put("COGNATE_DELIVERY_SMS_DIRECTORY", layout.smsDir().toString());
        }
        environment.putAll(service.ownEnvironment());
        return environment;
    }

    static boolean usesDatabaseAndKafka(CognateService service) {
        return !service.name().equals(CognateService.HOSTED_UI.name());
    }
}
