package dev.cognate.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/** values.schema.json refuses what an operator could get wrong; each value switches exactly what it names. */
class ChartValuesTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "ingress.hosts.ipd, idp.example.com",
            "postgresql.pasword, secret",
            "postgresql.passwordkey, password",
            "autoscaling.maxReplica, 3",
            "serviceMonitor.enabeld, true",
            "userPool.image.repo, cognate/user-pool-service",
            "hostedUI.replicas, 2",
            "masterKey.value, c2VjcmV0",
            "networkPolicy.ingressController.podSelector.app, nginx",
            "tracing.endpoint, http://otel-collector:4317",
            "masterKey.previousKeys, old-master-keys",
    })
    void rejectsAMisspeltOrUnknownKey(String key, String value) {
        assertThatThrownBy(() -> HelmChart.render(null, Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("additional properties");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "postgresql.port, five-four-three-two",
            "autoscaling.enabled, yes",
            "autoscaling.targetCPUUtilizationPercentage, 150",
            "ingress.hosts.idp, https://idp.example.com",
            "redis.url, redis.example.com:6379",
            "kafka.bootstrapServers, kafka",
            "accountId, 1234",
            "image.pullPolicy, Sometimes",
            "userPool.internalApi.port, 8082",
            "masterKey.existingSecret, ''",
            "tracing.samplerRatio, 2",
            "tracing.enabled, sometimes",
            "tracing.otlpEndpoint, otel-collector:4317",
            "userPool.customSenderPublicKey, ssh-rsa AAAAB3NzaC1yc2E",
    })
    void rejectsAMistypedValue(String key, String value) {
        assertThatThrownBy(() -> HelmChart.render(null, Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void refusesAClusterOlderThanTheSleepActionOfItsPreStopHooks() {
        assertThatThrownBy(() -> HelmChart.render("1.29.4", null, Map.of()))
                .hasMessageContaining("kubeVersion");
        assertThat(HelmChart.render("1.30.0", null, Map.of())).contains("kind: Deployment");
    }

    @Test
    void refusesTracingWithoutACollector() {
        assertThatThrownBy(() -> HelmChart.render(null, Map.of("tracing.enabled", "true")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("otlpEndpoint");
    }

    @Test
    void turnsTracesOnInEveryServiceOnlyWhenEnabled() {
        Rendered defaults = Rendered.of(HelmChart.renderDefaults());
        for (String service : Rendered.SERVICES.keySet()) {
            assertThat(defaults.env(service)).as(service).doesNotContainKeys("QUARKUS_OTEL_SDK_DISABLED",
                    "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "QUARKUS_OTEL_TRACES_SAMPLER_ARG");
        }

        Rendered traced = Rendered.of(HelmChart.render(null, Map.of("tracing.enabled", "true",
                "tracing.otlpEndpoint", "http://otel-collector.observability:4317", "tracing.samplerRatio", "0.25")));
        for (String service : Rendered.SERVICES.keySet()) {
            assertThat(traced.envValue(service, "QUARKUS_OTEL_SDK_DISABLED")).as(service).isEqualTo("false");
            assertThat(traced.envValue(service, "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")).isEqualTo("http://otel-collector.observability:4317");
            assertThat(traced.envValue(service, "QUARKUS_OTEL_TRACES_SAMPLER_ARG")).isEqualTo("0.25");
        }
    }

    @Test
    void givesUserPoolServiceTheCustomSenderPublicKeyOnlyWhenSet() {
        assertThat(Rendered.of(HelmChart.renderDefaults()).env("user-pool-service"))
                .doesNotContainKey("COGNATE_TRIGGERS_CUSTOM_SENDER_PUBLIC_KEY");

        String pem = "-----BEGIN PUBLIC KEY-----MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA-----END PUBLIC KEY-----";
        Rendered withKey = Rendered.of(HelmChart.render(null, Map.of("userPool.customSenderPublicKey", pem)));
        assertThat(withKey.env("user-pool-service").get("COGNATE_TRIGGERS_CUSTOM_SENDER_PUBLIC_KEY").getValue()).isEqualTo(pem);
        assertThat(withKey.env("trigger-runner")).as("only user-pool-service encrypts; the functions hold the private key")
                .doesNotContainKey("COGNATE_TRIGGERS_CUSTOM_SENDER_PUBLIC_KEY");
    }

    @Test
    void givesIdentityPoolServiceTheMetadataUrlsOfItsSamlProviders() {
        assertThat(Rendered.of(HelmChart.renderDefaults()).env("identity-pool-service"))
                .doesNotContainKey("COGNATE_LOGIN_PROVIDERS_SAML_METADATA");

        Rendered withProviders = Rendered.of(HelmChart.render(null, Map.of(
                "identityPool.samlProviders[0].arn", "arn:aws:iam::123456789012:saml-provider/Okta",
                "identityPool.samlProviders[0].metadataUrl", "https://corp.okta.example/app/abc/sso/saml/metadata",
                "identityPool.samlProviders[1].arn", "arn:aws:iam::123456789012:saml-provider/Entra",
                "identityPool.samlProviders[1].metadataUrl", "https://login.entra.example/t/federationmetadata.xml")));

        assertThat(withProviders.env("identity-pool-service").get("COGNATE_LOGIN_PROVIDERS_SAML_METADATA").getValue())
                .isEqualTo("arn:aws:iam::123456789012:saml-provider/Okta=https://corp.okta.example/app/abc/sso/saml/metadata,"
                        + "arn:aws:iam::123456789012:saml-provider/Entra=https://login.entra.example/t/federationmetadata.xml");
        assertThat(withProviders.env("user-pool-service")).doesNotContainKey("COGNATE_LOGIN_PROVIDERS_SAML_METADATA");
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
            "arn:aws:iam::123456789012:oidc-provider/corp.example, https://corp.example/metadata",
            "arn:aws:iam::1234:saml-provider/Corp, https://corp.example/metadata",
            "arn:aws:iam::123456789012:saml-provider/Corp, corp.example/metadata",
    })
    void refusesASamlProviderThatIsNotAnArnAndAUrl(String arn, String metadataUrl) {
        assertThatThrownBy(() -> HelmChart.render(null, Map.of("identityPool.samlProviders[0].arn", arn,
                "identityPool.samlProviders[0].metadataUrl", metadataUrl)))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void givesThePreviousMasterKeysDuringARotationFromTheSameSecret() {
        Rendered defaults = Rendered.of(HelmChart.renderDefaults());
        for (String service : Rendered.SERVICES.keySet()) {
            assertThat(defaults.env(service)).as(service).doesNotContainKey("COGNATE_MASTER_KEY_PREVIOUS");
        }

        Rendered rotating = Rendered.of(HelmChart.render(null, Map.of("masterKey.previousKeysKey", "previous-master-keys")));
        for (String service : new String[] {"user-pool-service", "identity-pool-service", "trigger-runner"}) {
            var previous = rotating.env(service).get("COGNATE_MASTER_KEY_PREVIOUS").getValueFrom().getSecretKeyRef();
            assertThat(previous.getName()).as(service).isEqualTo("cognate-master-key");
            assertThat(previous.getKey()).isEqualTo("previous-master-keys");
        }
        assertThat(rotating.env("hosted-ui-service")).doesNotContainKeys("COGNATE_MASTER_KEY", "COGNATE_MASTER_KEY_PREVIOUS");
    }

    @Test
    void refusesTlsWithoutACertificateSecret() {
        assertThatThrownBy(() -> HelmChart.render(null, Map.of("ingress.tls.enabled", "true")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("secretName");
    }

    @Test
    void rendersTheServiceMonitorsOnlyWhenEnabledWhateverTheCluster() {
        assertThat(Rendered.of(HelmChart.renderDefaults()).all(ServiceMonitor.class)).isEmpty();

        Rendered enabled = Rendered.of(HelmChart.render(null, Map.of("serviceMonitor.enabled", "true", "serviceMonitor.interval", "20s")));
        assertThat(enabled.all(ServiceMonitor.class)).hasSize(4).allSatisfy(monitor -> {
            assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
                assertThat(endpoint.getPort()).isEqualTo("http");
                assertThat(endpoint.getInterval()).isEqualTo("20s");
            });
        });
    }

    @Test
    void autoscalingReplacesFixedReplicasWithAnHpaPerService() {
        Rendered fixed = Rendered.of(HelmChart.render(null, Map.of("identityPool.replicas", "3")));
        assertThat(fixed.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(fixed.deployment("identity-pool-service").getSpec().getReplicas()).isEqualTo(3);

        Rendered scaled = Rendered.of(HelmChart.render(null, Map.of("autoscaling.enabled", "true", "autoscaling.minReplicas", "3",
                "autoscaling.maxReplicas", "9", "autoscaling.targetCPUUtilizationPercentage", "60")));
        assertThat(scaled.all(Deployment.class)).allSatisfy(deployment -> assertThat(deployment.getSpec().getReplicas()).isNull());
        assertThat(scaled.all(HorizontalPodAutoscaler.class)).hasSize(4).allSatisfy(hpa -> {
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(hpa.getMetadata().getName());
            assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
            assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(9);
            assertThat(hpa.getSpec().getMetrics()).singleElement()
                    .satisfies(metric -> assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(60));
        });
    }

    @Test
    void disruptionBudgetsAndNetworkPoliciesAndIngressFollowTheirSwitches() {
        Rendered defaults = Rendered.of(HelmChart.renderDefaults());
        assertThat(defaults.all(PodDisruptionBudget.class)).hasSize(4)
                .allSatisfy(pdb -> assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1));
        assertThat(defaults.all(NetworkPolicy.class)).hasSize(4);
        assertThat(defaults.all(Ingress.class)).hasSize(1);

        Rendered off = Rendered.of(HelmChart.render(null, Map.of("podDisruptionBudget.enabled", "false",
                "networkPolicy.enabled", "false", "ingress.enabled", "false")));
        assertThat(off.all(PodDisruptionBudget.class)).isEmpty();
        assertThat(off.all(NetworkPolicy.class)).isEmpty();
        assertThat(off.all(Ingress.class)).isEmpty();
    }

    @Test
    void namesTheImagesFromTheRegistryTheRepositoriesAndTheTag() {
        Rendered rendered = Rendered.of(HelmChart.render(null, Map.of("image.registry", "registry.example.com/identity/",
                "image.tag", "1.2.3", "triggerRunner.image.repository", "acme/triggers", "image.pullPolicy", "Always")));

        assertThat(rendered.container("user-pool-service").getImage()).isEqualTo("registry.example.com/identity/cognate/user-pool-service:1.2.3");
        assertThat(rendered.container("trigger-runner").getImage()).isEqualTo("registry.example.com/identity/acme/triggers:1.2.3");
        assertThat(rendered.all(Deployment.class)).allSatisfy(deployment -> assertThat(
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always"));
    }

    @Test
    void pointsTheServicesAtTheExternalInfrastructure() {
        Rendered production = Rendered.of(HelmChart.renderProduction());

        for (String service : new String[] {"user-pool-service", "identity-pool-service", "trigger-runner"}) {
            assertThat(production.envValue(service, "COGNATE_DB_HOST")).isEqualTo("db.internal.example.com");
            assertThat(production.envValue(service, "COGNATE_DB_PORT")).isEqualTo("5432");
            assertThat(production.envValue(service, "COGNATE_DB_NAME")).isEqualTo("cognate");
            assertThat(production.envValue(service, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo("cognate_app");
            assertThat(production.envValue(service, "KAFKA_BOOTSTRAP_SERVERS"))
                    .isEqualTo("kafka-0.kafka.internal.example.com:9093,kafka-1.kafka.internal.example.com:9093");
            assertThat(production.env(service).get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getKey())
                    .isEqualTo("db-password");
        }
        for (String service : Rendered.SERVICES.keySet()) {
            assertThat(production.envValue(service, "QUARKUS_REDIS_HOSTS")).isEqualTo("rediss://redis.internal.example.com:6380");
            assertThat(production.env(service).get("QUARKUS_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("cognate-redis");
        }
        assertThat(production.envValue("trigger-runner", "QUARKUS_MAILER_HOST")).isEqualTo("smtp.internal.example.com");
        assertThat(production.envValue("trigger-runner", "QUARKUS_MAILER_PORT")).isEqualTo("587");
        assertThat(production.envValue("trigger-runner", "QUARKUS_MAILER_USERNAME")).isEqualTo("cognate");
        assertThat(production.envValue("trigger-runner", "COGNATE_DELIVERY_EMAIL_FROM")).isEqualTo("no-reply@id.example.com");
        assertThat(production.envValue("user-pool-service", "COGNATE_REGION")).isEqualTo("eu-west-1");
        assertThat(production.envValue("user-pool-service", "COGNATE_AUTH_EVENTS_RETENTION")).isEqualTo("P30D");

        Rendered defaults = Rendered.of(HelmChart.renderDefaults());
        assertThat(defaults.env("trigger-runner")).doesNotContainKeys("QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD");
        assertThat(defaults.env("user-pool-service")).doesNotContainKey("QUARKUS_REDIS_PASSWORD");
    }

    @Test
    void createsTheKafkaTopicsWithOneIdempotentJobWhenAsked() {
        assertThat(Rendered.of(HelmChart.renderDefaults()).all(Job.class)).isEmpty();

        Job job = Rendered.of(HelmChart.renderProduction()).all(Job.class).get(0);
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        String script = String.join(" ", container.getArgs());
        assertThat(script).contains("--if-not-exists", "--partitions 12", "--replication-factor 3",
                "cognate.userpool.events", "cognate.userpool.events.dlq", "cognate.messages", "cognate.messages.dlq");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(job.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    }
}
