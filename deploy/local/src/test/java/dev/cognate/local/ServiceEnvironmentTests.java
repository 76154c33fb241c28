package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceEnvironmentTests {

    private final StackLayout layout = new StackLayout(Path.of("/repo"), Path.of("/repo/deploy/local/.state"),
            Path.of("/repo/deploy/local/.data"));
    private final LocalCredentials credentials = new LocalCredentials("LOCALKEY", "s3cret", "Demo-pass1", "bWFzdGVyLWtleS1vZi10aGlydHktdHdvLWJ5dGVzISE=");

    @Test
    void pointsEveryServiceAtTheLocalInfrastructureItUses() {
        for (CognateService service : CognateService.ALL) {
            Map<String, String> environment = ServiceEnvironment.of(service, InfraPorts.LOCAL, "eu-west-1", credentials, layout);

            assertThat(environment).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(service.port()))
                    .containsEntry("QUARKUS_HTTP_HOST", "127.0.0.1")
                    .containsEntry("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:16379")
                    .containsEntry("COGNATE_REGION", "eu-west-1")
                    .containsEntry("COGNATE_OPERATOR_ACCESS_KEYS", "LOCALKEY:s3cret");
            if (service.equals(CognateService.HOSTED_UI)) {
                assertThat(environment).as("hosted-ui-service has no database and no Kafka")
                        .doesNotContainKeys("COGNATE_DB_HOST", "COGNATE_DB_PORT", "COGNATE_DB_NAME",
                                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS");
            } else {
                assertThat(environment).as(service.name())
                        .containsEntry("COGNATE_DB_HOST", "127.0.0.1")
                        .containsEntry("COGNATE_DB_PORT", "15432")
                        .containsEntry("COGNATE_DB_NAME", "cognate")
                        .containsEntry("QUARKUS_DATASOURCE_USERNAME", "cognate")
                        .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "cognate")
                        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
            }
        }
    }

    @Test
    void givesEachServiceItsOwnSettings() {
        assertThat(ServiceEnvironment.of(CognateService.USER_POOL, InfraPorts.LOCAL, "us-east-1", credentials, layout))
                .containsEntry("COGNATE_PUBLIC_BASE_URL", "http://localhost:8081")
                .containsEntry("COGNATE_MASTER_KEY", credentials.masterKey())
                .containsEntry("COGNATE_INTERNAL_API_PORT", "8091")
                .containsEntry("COGNATE_INTERNAL_API_HOST", "127.0.0.1")
                .as("synchronous triggers go to trigger-runner's internal port")
                .containsEntry("QUARKUS_REST_CLIENT_TRIGGER_RUNNER_URL", "http://localhost:8094")
                .as("identity providers on this machine over http (cognate.federation.allow-loopback-http)")
                .containsEntry("COGNATE_FEDERATION_ALLOW_LOOPBACK_HTTP", "true")
                .doesNotContainKey("QUARKUS_REST_CLIENT_USER_POOL_URL");
        assertThat(ServiceEnvironment.of(CognateService.HOSTED_UI, InfraPorts.LOCAL, "us-east-1", credentials, layout))
                .containsEntry("QUARKUS_REST_CLIENT_USER_POOL_URL", "http://localhost:8081")
                .as("the internal API is on its own port").containsEntry("QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://localhost:8091")
                .doesNotContainKey("COGNATE_PUBLIC_BASE_URL")
                .as("hosted-ui-service does not hold the master key").doesNotContainKey("COGNATE_MASTER_KEY");
        assertThat(ServiceEnvironment.of(CognateService.IDENTITY_POOL, InfraPorts.LOCAL, "us-east-1", credentials, layout))
                .as("it seals the session tokens of vended credentials").containsEntry("COGNATE_MASTER_KEY", credentials.masterKey())
                .as("user pool ID tokens are logins").containsEntry("COGNATE_LOGINS_USER_POOL_ISSUER_BASE_URL", "http://localhost:8081")
                .as("ServerSideTokenCheck asks the internal API").containsEntry("QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL", "http://localhost:8091")
                .doesNotContainKey("COGNATE_DELIVERY_EMAIL_MODE").doesNotContainKey("COGNATE_DELIVERY_SMS_MODE");
    }

    @Test
    void letsTriggerRunnerOpenTheSealedCodesAndWriteEmailsAndTextMessagesIntoTheStateDirectory() {
        assertThat(ServiceEnvironment.of(CognateService.TRIGGER_RUNNER, InfraPorts.LOCAL, "us-east-1", credentials, layout))
                .as("the key user-pool-service seals the codes with").containsEntry("COGNATE_MASTER_KEY", credentials.masterKey())
                .containsEntry("COGNATE_DELIVERY_EMAIL_MODE", "file")
                .containsEntry("COGNATE_DELIVERY_EMAIL_DIRECTORY", "/repo/deploy/local/.state/mail")
                .containsEntry("COGNATE_DELIVERY_SMS_MODE", "file")
                .containsEntry("COGNATE_DELIVERY_SMS_DIRECTORY", "/repo/deploy/local/.state/sms")
                .containsEntry("COGNATE_INTERNAL_API_PORT", "8094")
                .containsEntry("COGNATE_INTERNAL_API_HOST", "127.0.0.1")
                .as("the local stack's trigger functions run on this machine")
                .containsEntry("COGNATE_TRIGGERS_ALLOWED_EGRESS_HOSTS", "localhost,127.0.0.1,::1");
    }

    @Test
    void usesTheAgreedPorts() {
        assertThat(CognateService.ALL).extracting(CognateService::name, CognateService::port).containsExactly(
                org.assertj.core.groups.Tuple.tuple("user-pool-service", 8081),
                org.assertj.core.groups.Tuple.tuple("hosted-ui-service", 8082),
                org.assertj.core.groups.Tuple.tuple("identity-pool-service", 8083),
                org.assertj.core.groups.Tuple.tuple("trigger-runner", 8084));
    }
}
