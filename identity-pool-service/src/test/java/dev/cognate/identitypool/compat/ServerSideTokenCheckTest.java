package dev.cognate.identitypool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.LocalLoginProviders;
import dev.cognate.identitypool.LocalUserPoolIssuer;
import dev.cognate.identitypool.Rows;
import dev.cognate.internalapi.IdTokenCheck;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.ExternalServiceException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code ServerSideTokenCheck}: a user pool provider with it on asks user-pool-service's internal route (here a real
 * local HTTP endpoint implementing the route's contract, {@link LocalLoginProviders}) before a login counts; a signed-out,
 * disabled or deleted user is refused with NotAuthorizedException, and a user-pool-service that does not answer fails
 * closed with ExternalServiceException within the client's timeout. Nothing is written for a refused login.
 */
@QuarkusTest
class ServerSideTokenCheckTest {

    static final String USER_POOL = "us-east-1_Checked1";
    static final String CHECKED_CLIENT = "checkedclient1";
    static final String UNCHECKED_CLIENT = "uncheckedclient1";
    static final String REVOKED = "Invalid login token. Token has been revoked, or its user is disabled or deleted.";

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    LocalUserPoolIssuer issuer;
    LocalLoginProviders userPoolService;
    CognitoIdentityClient operator;
    CognitoIdentityClient anonymous;
    String provider;

    @BeforeEach
    void clients() {
        issuer = LocalUserPoolIssuer.get();
        userPoolService = LocalLoginProviders.get();
        operator = CognitoIdentityClients.operator(endpoint);
        anonymous = CognitoIdentityClients.anonymous(endpoint);
        provider = issuer.providerName(USER_POOL);
    }

    @AfterEach
    void close() {
        operator.close();
        anonymous.close();
    }

    String pool() {
        return operator.createIdentityPool(r -> r.identityPoolName("checked-" + UUID.randomUUID().toString().substring(0, 8))
                .allowUnauthenticatedIdentities(false)
                .cognitoIdentityProviders(p -> p.providerName(provider).clientId(CHECKED_CLIENT).serverSideTokenCheck(true),
                        p -> p.providerName(provider).clientId(UNCHECKED_CLIENT).serverSideTokenCheck(false)))
                .identityPoolId();
    }

    String token(String client, String sub, String originJti) {
        return issuer.idToken(USER_POOL, client, sub, c -> c.put("origin_jti", originJti));
    }

    @Test
    void anActiveUserLogsInAfterUserPoolServiceWasAskedWithTheTokensSession() {
        String pool = pool();
        String sub = UUID.randomUUID().toString();
        String session = UUID.randomUUID().toString();
        long before = Instant.now().getEpochSecond();

        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, token(CHECKED_CLIENT, sub, session)))).identityId();

        assertThat(id).startsWith("us-east-1:");
        JsonNode asked = lastCheckOf(sub);
        assertThat(asked.path("poolId").asText()).isEqualTo(USER_POOL);
        assertThat(asked.path("body").path("originJti").asText()).isEqualTo(session);
        assertThat(asked.path("body").path("issuedAt").asLong()).isBetween(before - 1, Instant.now().getEpochSecond());
    }

    @Test
    void signedOutDisabledAndDeletedUsersAreRefusedAndNothingIsWritten() {
        String pool = pool();
        for (String status : List.of(IdTokenCheck.TOKEN_REVOKED, IdTokenCheck.USER_DISABLED, IdTokenCheck.USER_NOT_FOUND)) {
            String sub = UUID.randomUUID().toString();
            userPoolService.userStatus(sub, status);

            NotAuthorizedException refused = catchThrowableOfType(NotAuthorizedException.class, () -> anonymous.getId(r -> r.identityPoolId(pool)
                    .logins(Map.of(provider, token(CHECKED_CLIENT, sub, UUID.randomUUID().toString())))));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.awsErrorDetails().errorMessage()).as(status).isEqualTo(REVOKED);
        }
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isZero();
    }

    @Test
    void aUserSignedOutAfterGettingAnIdentityGetsNoMoreCredentials() {
        String pool = pool();
        operator.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", "arn:aws:iam::000000000000:role/Checked")));
        String sub = UUID.randomUUID().toString();
        Map<String, String> logins = Map.of(provider, token(CHECKED_CLIENT, sub, UUID.randomUUID().toString()));
        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();
        assertThat(anonymous.getCredentialsForIdentity(r -> r.identityId(id).logins(logins)).credentials().accessKeyId()).startsWith("ASIA");

        userPoolService.userStatus(sub, IdTokenCheck.TOKEN_REVOKED);

        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> anonymous.getCredentialsForIdentity(r -> r.identityId(id).logins(logins)))
                .awsErrorDetails().errorMessage()).isEqualTo(REVOKED);
    }

    @Test
    void anUnansweredCheckFailsClosedWithinTheTimeout() {
        String pool = pool();
        for (String failure : List.of(LocalLoginProviders.FAIL, LocalLoginProviders.HANG)) {
            String sub = UUID.randomUUID().toString();
            userPoolService.userStatus(sub, failure);
            long start = System.nanoTime();

            ExternalServiceException refused = catchThrowableOfType(ExternalServiceException.class, () -> anonymous.getId(r -> r.identityPoolId(pool)
                    .logins(Map.of(provider, token(CHECKED_CLIENT, sub, UUID.randomUUID().toString())))));

            assertThat(refused.awsErrorDetails().errorMessage()).as(failure).isEqualTo("The user pool is not responding. Retry the request.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(failure).isLessThan(Duration.ofMillis(2_500));
        }
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isZero();
    }

    @Test
    void tokensOfAClientWithoutTheCheckAreNotSentToUserPoolService() {
        String pool = pool();
        String sub = UUID.randomUUID().toString();
        userPoolService.userStatus(sub, IdTokenCheck.TOKEN_REVOKED);

        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, token(UNCHECKED_CLIENT, sub, UUID.randomUUID().toString()))))
                .identityId();

        assertThat(id).startsWith("us-east-1:");
        assertThat(userPoolService.idTokenChecks()).noneMatch(check -> check.path("body").path("sub").asText().equals(sub));
    }

    private JsonNode lastCheckOf(String sub) {
        List<JsonNode> checks = userPoolService.idTokenChecks().stream()
                .filter(check -> check.path("body").path("sub").asText().equals(sub)).toList();
        assertThat(checks).hasSize(1);
        return checks.get(0);
    }
}
