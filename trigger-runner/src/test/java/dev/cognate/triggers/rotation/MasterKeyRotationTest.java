package dev.cognate.triggers.rotation;

import dev.cognate.secrets.MasterKeyCipher;
import dev.cognate.secrets.SealedColumn;
import dev.cognate.secrets.SealedColumnResealer;
import dev.cognate.testkit.PrometheusText;
import dev.cognate.triggers.invoke.WebhookSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master-key rotation of trigger-runner's sealed column on a real database: a pool's webhook secret re-seals under a
 * new key only with the context {@link WebhookSecrets} sealed it with, the job's gauge counts what is left, the running
 * service (which knows the old key only) no longer opens it, and after the way back it opens the same secret again.
 */
@QuarkusTest
class MasterKeyRotationTest {

    private static final String NEW_KEY = "q0fKXJ0m9Qd5l2N8yVbq1c3fWm2o4s6u8w0y2A4C6E8=";
    private static final String POOL = "us-east-1_Rotation1";

    @Inject
    DataSource dataSource;

    @Inject
    WebhookSecrets secrets;

    @Inject
    MasterKeyResealJob job;

    @Test
    void reSealsTheWebhookSecretsUnderTheNewKeyAndBack() throws SQLException {
        String installationKey = ConfigProvider.getConfig().getValue("cognate.master-key", String.class);
        String secret = secrets.of(POOL).await().atMost(Duration.ofSeconds(30));
        SealedColumn column = TriggerRunnerSealedColumns.ALL.get(0);
        SealedColumnResealer forward = new SealedColumnResealer(dataSource, new MasterKeyCipher(Optional.of(NEW_KEY), Optional.of(installationKey)), 10);
        long sealed = forward.remaining(column);
        assertThat(sealed).as("secrets sealed under the installation's key").isPositive();

        assertThat(forward.resealAll(column)).isEqualTo((int) sealed);
        assertThat(forward.remaining(column)).isZero();
        job.measure();
        assertThat(gauge()).as("stale for the running service, which has the old key only").isEqualTo(sealed);

        new SealedColumnResealer(dataSource, new MasterKeyCipher(Optional.of(installationKey), Optional.of(NEW_KEY)), 10).resealAll(column);
        job.resealAll();
        assertThat(gauge()).isZero();
        assertThat(secrets.of(POOL).await().atMost(Duration.ofSeconds(30))).isEqualTo(secret);
    }

    private static double gauge() {
        return new PrometheusText(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString())
                .value("cognate_master_key_reseal_remaining", "column=\"webhook_secrets.sealed_secret\"");
    }
}
