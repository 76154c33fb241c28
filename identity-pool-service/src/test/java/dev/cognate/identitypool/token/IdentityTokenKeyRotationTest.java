package dev.cognate.identitypool.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.MovableClock;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity token keys rotate like the user pools' signing keys, with time moved instead of waited for (defaults:
 * a key signs 30 days, its successor is published an hour ahead, a retired key stays published a day and 5 minutes):
 * the next key shows in the JWKS before it signs, then signs while the previous one stays published, and goes after the
 * retention; concurrent rotations (replicas) create one key.
 */
@QuarkusTest
class IdentityTokenKeyRotationTest {

    static final String GUEST = "arn:aws:iam::123456789012:role/Rotating_Guest";
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    MovableClock clock;

    @Inject
    IdentityTokenKeys keys;

    @Inject
    AgroalDataSource dataSource;

    CognitoIdentityClient operator;
    CognitoIdentityClient anonymous;

    @BeforeEach
    void startFromNoKeys() throws Exception {
        deleteAllKeys();
        operator = CognitoIdentityClients.operator(endpoint);
        anonymous = CognitoIdentityClients.anonymous(endpoint);
    }

    @AfterEach
    void backToNow() throws Exception {
        clock.reset();
        deleteAllKeys();
        operator.close();
        anonymous.close();
    }

    @Test
    void nextKeyIsPublishedAheadThenSignsWhileThePreviousStaysPublishedUntilTheRetentionEnds() throws Exception {
        String pool = operator.createIdentityPool(r -> r.identityPoolName("rotate-" + UUID.randomUUID().toString().substring(0, 8))
                .allowUnauthenticatedIdentities(true).allowClassicFlow(true)).identityPoolId();
        operator.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("unauthenticated", GUEST)));
        String guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();

        String first = kid(openIdToken(guest));
        assertThat(publishedKids()).containsExactly(first);
        assertThat(keys.rotateIfDue().await().indefinitely()).isNull();

        clock.advance(Duration.ofDays(30).minusHours(1).plusMinutes(1));
        keys.rotateIfDue().await().indefinitely();
        List<String> published = publishedKids();
        assertThat(published).hasSize(2).contains(first);
        String next = published.get(0);
        assertThat(next).isNotEqualTo(first);
        assertThat(kid(openIdToken(guest))).as("the next key does not sign before its time").isEqualTo(first);

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        String signedByNext = openIdToken(guest);
        assertThat(kid(signedByNext)).isEqualTo(next);
        assertThat(publishedKids()).containsExactly(next, first);
        // Cognate's STS verifies tokens of the new key
        try (StsClient sts = CognitoIdentityClients.sts(endpoint)) {
            assertThat(sts.assumeRoleWithWebIdentity(r -> r.roleArn(GUEST).roleSessionName("rotated").webIdentityToken(signedByNext))
                    .assumedRoleUser().arn()).endsWith(":assumed-role/Rotating_Guest/rotated");
        }

        clock.advance(Duration.ofDays(1));
        keys.rotateIfDue().await().indefinitely();
        assertThat(publishedKids()).as("still within a day and 5 minutes").containsExactly(next, first);
        clock.advance(Duration.ofMinutes(6));
        keys.rotateIfDue().await().indefinitely();
        assertThat(publishedKids()).containsExactly(next);
        assertThat(Rows.count(dataSource, "SELECT kid FROM identity_token_keys")).isEqualTo(1);
    }

    @Test
    void replicasRotatingAtOnceCreateOneKey() {
        keys.rotateIfDue().await().indefinitely();
        assertThat(Rows.count(dataSource, "SELECT kid FROM identity_token_keys")).isEqualTo(1);
        clock.advance(Duration.ofDays(30));

        List<Uni<String>> replicas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replicas.add(keys.rotateIfDue());
        }
        List<?> created = Uni.join().all(replicas).andFailFast().await().indefinitely();

        // (the service's own scheduled rotation may have been the one to act)
        assertThat(created.stream().filter(kid -> kid != null).count()).isLessThanOrEqualTo(1);
        assertThat(Rows.count(dataSource, "SELECT kid FROM identity_token_keys")).isEqualTo(2);
    }

    private String openIdToken(String identityId) {
        return anonymous.getOpenIdToken(r -> r.identityId(identityId)).token();
    }

    private static String kid(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).path("kid").asText();
    }

    private List<String> publishedKids() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.toString())
                .resolve("/.well-known/jwks_uri")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> kids = new ArrayList<>();
        for (JsonNode key : JSON.readTree(response.body()).path("keys")) {
            kids.add(key.path("kid").asText());
        }
        return kids;
    }

    /** Starts and ends with no key, the state of a new installation, and no cached key in the service. */
    private void deleteAllKeys() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM identity_token_keys");
        }
        keys.forgetCachedKeys();
    }
}
