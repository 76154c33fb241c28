package dev.cognate.userpool.rotation;

import dev.cognate.userpool.federation.saml.SpCredentialStore;
import dev.cognate.secrets.MasterKeyCipher;
import dev.cognate.secrets.SealedColumn;
import dev.cognate.secrets.SealedColumnResealer;
import dev.cognate.testkit.PrometheusText;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.MovableClock;
import dev.cognate.userpool.compat.TotpCodes;
import dev.cognate.userpool.service.ClientAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master-key rotation over every sealed column of a real user pool: a ring with a new current key and this
 * installation's key as the previous one re-seals every stored value (which proves the columns' contexts are the
 * writers', or the values would not open), the old key alone then opens none of them, and the rotation back leaves
 * the service reading its secrets as before. The job's gauge counts what is left.
 */
@QuarkusTest
class MasterKeyRotationTest extends CognitoIdpTest {

    private static final String NEW_KEY = "q0fKXJ0m9Qd5l2N8yVbq1c3fWm2o4s6u8w0y2A4C6E8=";
    private static final String PASSWORD = "Rotation-Passw0rd!";

    @Inject
    DataSource dataSource;

    @Inject
    MasterKeyResealJob job;

    @Inject
    MovableClock clock;

    @Inject
    SpCredentialStore samlKeys;

    @Test
    void reSealsEveryStoredSecretUnderTheNewKeyAndTheServiceReadsThemAfterTheWayBack() {
        String installationKey = ConfigProvider.getConfig().getValue("cognate.master-key", String.class);
        String poolId = newPool("rotation");
        var client = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app").generateSecret(true)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google").providerType(IdentityProviderTypeType.GOOGLE)
                .providerDetails(Map.of("client_id", "google-client", "client_secret", "google-secret-value", "authorize_scopes", "email")));
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("rotated").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("rotated").password(PASSWORD).permanent(true));
        String accessToken = signIn(client.clientId(), client.clientSecret());
        // a verified TOTP authenticator and a pending one (the user started replacing it)
        String seed = cognito.associateSoftwareToken(r -> r.accessToken(accessToken)).secretCode();
        assertThat(cognito.verifySoftwareToken(r -> r.accessToken(accessToken).userCode(TotpCodes.at(seed, clock.instant())))
                .statusAsString()).isEqualTo("SUCCESS");
        cognito.associateSoftwareToken(r -> r.accessToken(accessToken));
        // the pool's SAML service provider keys (made on first use)
        String samlCertificate = cognito.getSigningCertificate(r -> r.userPoolId(poolId)).certificate();

        MasterKeyCipher forward = new MasterKeyCipher(Optional.of(NEW_KEY), Optional.of(installationKey));
        SealedColumnResealer rotate = new SealedColumnResealer(dataSource, forward, 7);
        for (SealedColumn column : UserPoolSealedColumns.ALL) {
            assertThat(count(rotate, column)).as("%s has sealed rows under the installation's key", column.name()).isPositive();
        }
        job.measure();
        assertThat(gauge("app_client_secrets.ciphertext")).as("nothing stale for the running service").isZero();

        for (SealedColumn column : UserPoolSealedColumns.ALL) {
            resealAll(rotate, column);
            assertThat(count(rotate, column)).as("%s entirely under the new key", column.name()).isZero();
        }
        job.measure();
        assertThat(gauge("srp_verifiers.verifier")).as("stale for the running service, which still has the old key only").isPositive();

        SealedColumnResealer back = new SealedColumnResealer(dataSource, new MasterKeyCipher(Optional.of(installationKey), Optional.of(NEW_KEY)), 50);
        UserPoolSealedColumns.ALL.forEach(column -> resealAll(back, column));
        job.resealAll();
        for (SealedColumn column : UserPoolSealedColumns.ALL) {
            assertThat(gauge(column.name())).as(column.name()).isZero();
        }
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(client.clientId())).userPoolClient().clientSecret())
                .isEqualTo(client.clientSecret());
        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Google")).identityProvider().providerDetails())
                .containsEntry("client_secret", "google-secret-value");
        signIn(client.clientId(), client.clientSecret());
        samlKeys.forget(poolId);
        assertThat(cognito.getSigningCertificate(r -> r.userPoolId(poolId)).certificate()).as("the SAML keys open again")
                .isEqualTo(samlCertificate);
    }

    /** The access token of a password sign-in. */
    private String signIn(String clientId, String clientSecret) {
        try (CognitoIdentityProviderClient app = CognitoIdpClients.anonymous(endpoint)) {
            var result = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "rotated", "PASSWORD", PASSWORD,
                            "SECRET_HASH", ClientAuthenticator.secretHash(clientSecret, "rotated", clientId))))
                    .authenticationResult();
            assertThat(result.idToken()).isNotBlank();
            return result.accessToken();
        }
    }

    private static long count(SealedColumnResealer resealer, SealedColumn column) {
        try {
            return resealer.remaining(column);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void resealAll(SealedColumnResealer resealer, SealedColumn column) {
        try {
            resealer.resealAll(column);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double gauge(String column) {
        PrometheusText metrics = new PrometheusText(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString());
        return metrics.value("cognate_master_key_reseal_remaining", "column=\"" + column + "\"");
    }
}
