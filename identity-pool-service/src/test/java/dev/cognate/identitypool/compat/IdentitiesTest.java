package dev.cognate.identitypool.compat;

import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.LocalUserPoolIssuer;
import dev.cognate.identitypool.MovableClock;
import dev.cognate.identitypool.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.DescribeIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.IdentityDescription;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.ListIdentitiesResponse;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * GetId, DescribeIdentity and ListIdentities through the AWS SDK v2, with ID tokens of a real (local) user pool issuer
 * verified through its discovery document and JWKS.
 */
@QuarkusTest
class IdentitiesTest {

    static final String USER_POOL = "us-east-1_Local" + "Pool1";
    static final String AWS_STYLE_POOL = "us-east-1_AwsStyle1";
    static final String CLIENT = "localclient1";

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    MovableClock clock;

    @Inject
    AgroalDataSource dataSource;

    LocalUserPoolIssuer issuer;
    CognitoIdentityClient operator;
    CognitoIdentityClient anonymous;

    @BeforeEach
    void clients() {
        issuer = LocalUserPoolIssuer.get();
        operator = CognitoIdentityClients.operator(endpoint);
        anonymous = CognitoIdentityClients.anonymous(endpoint);
    }

    @AfterEach
    void close() {
        clock.reset();
        operator.close();
        anonymous.close();
    }

    String pool(boolean guests) {
        return operator.createIdentityPool(r -> r.identityPoolName("identities-" + UUID.randomUUID().toString().substring(0, 8))
                .allowUnauthenticatedIdentities(guests)
                .cognitoIdentityProviders(p -> p.providerName(issuer.providerName(USER_POOL)).clientId(CLIENT),
                        p -> p.providerName("cognito-idp.us-east-1.amazonaws.com/" + AWS_STYLE_POOL).clientId(CLIENT)))
                .identityPoolId();
    }

    @Test
    void sameLoginGetsTheSameIdentityAndAnotherUserAnother() {
        String pool = pool(false);
        String provider = issuer.providerName(USER_POOL);

        String first = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "alice")))).identityId();
        String again = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "alice")))).identityId();
        String bob = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "bob")))).identityId();

        assertThat(first).matches("us-east-1:[0-9a-f-]{36}").isEqualTo(again).isNotEqualTo(bob);
        DescribeIdentityResponse described = operator.describeIdentity(r -> r.identityId(first));
        assertThat(described.identityId()).isEqualTo(first);
        assertThat(described.logins()).containsExactly(provider);
        assertThat(described.creationDate()).isNotNull();
        assertThat(Rows.strings(dataSource, "SELECT payload::jsonb ->> 'type' FROM outbox WHERE message_key = ? ORDER BY id", pool))
                .containsExactly(IdentityPoolEvents.POOL_CREATED.name(), IdentityPoolEvents.IDENTITY_CREATED.name(),
                        IdentityPoolEvents.IDENTITY_CREATED.name());
    }

    @Test
    void cognitoStyleProviderNameMapsToCognateIssuer() {
        String pool = pool(false);
        String provider = "cognito-idp.us-east-1.amazonaws.com/" + AWS_STYLE_POOL;

        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, issuer.idToken(AWS_STYLE_POOL, CLIENT, "carol")))).identityId();

        assertThat(operator.describeIdentity(r -> r.identityId(id)).logins()).containsExactly(provider);
    }

    @Test
    void invalidLoginTokensAreRefusedAndCreateNothing() {
        String pool = pool(false);
        String provider = issuer.providerName(USER_POOL);

        assertThat(refusal(pool, provider, issuer.idToken(USER_POOL, CLIENT, "dave", c -> c.put("exp", c.get("iat").asLong() - 10))))
                .startsWith("Invalid login token. Token expired: ");
        assertThat(refusal(pool, provider, issuer.idToken(USER_POOL, "otherclient", "dave")))
                .isEqualTo("Invalid login token. Incorrect token audience.");
        assertThat(refusal(pool, provider, issuer.idToken(USER_POOL, CLIENT, "dave", c -> c.put("token_use", "access"))))
                .isEqualTo("Invalid login token. Not a valid OpenId Connect identity token.");
        assertThat(refusal(pool, provider, issuer.idToken("us-east-1_OtherPool", CLIENT, "dave")))
                .isEqualTo("Invalid login token. Issuer doesn't match providerName");
        assertThat(refusal(pool, provider, issuer.forged(issuer.claims(USER_POOL, CLIENT, "dave", c -> { }))))
                .isEqualTo("Invalid login token. Couldn't verify signed token.");
        assertThat(refusal(pool, provider, "not-a-jwt"))
                .isEqualTo("Invalid login token. Not a valid OpenId Connect identity token.");
        assertThat(refusal(pool, "accounts.google.com", issuer.idToken(USER_POOL, CLIENT, "dave")))
                .isEqualTo("Token is not from a supported provider of this identity pool.");
        assertThat(refusal(pool, null, null))
                .isEqualTo("Unauthenticated access is not supported for this identity pool.");

        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isZero();
        assertThat(Rows.count(dataSource, "SELECT 1 FROM outbox WHERE message_key = ?", pool)).isEqualTo(1);
    }

    @Test
    void rotatedIssuerKeyIsFetchedAgainButAtMostOncePerMinimumInterval() {
        String rotatingPool = "us-east-1_Rotating1";
        String provider = issuer.providerName(rotatingPool);
        String pool = operator.createIdentityPool(r -> r.identityPoolName("rotation").allowUnauthenticatedIdentities(false)
                .cognitoIdentityProviders(p -> p.providerName(provider).clientId(CLIENT))).identityPoolId();
        int before = issuer.jwksFetches();
        String id = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, issuer.idToken(rotatingPool, CLIENT, "rita")))).identityId();
        assertThat(issuer.jwksFetches()).isEqualTo(before + 1);

        issuer.rotate(rotatingPool);
        // within the minimum interval (10 s) the unknown kid does not make the service fetch again: refused
        assertThat(refusal(pool, provider, issuer.idToken(rotatingPool, CLIENT, "rita"))).isEqualTo("Invalid login token. Couldn't verify signed token.");
        assertThat(issuer.jwksFetches()).isEqualTo(before + 1);

        clock.advance(Duration.ofMillis(10_500)); // past the minimum interval, without waiting for it
        assertThat(anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, issuer.idToken(rotatingPool, CLIENT, "rita")))).identityId())
                .isEqualTo(id);
        assertThat(issuer.jwksFetches()).isEqualTo(before + 2);
    }

    private String refusal(String pool, String provider, String token) {
        Map<String, String> logins = provider == null ? Map.of() : Map.of(provider, token);
        return catchThrowableOfType(NotAuthorizedException.class,
                () -> anonymous.getId(r -> r.identityPoolId(pool).logins(logins))).awsErrorDetails().errorMessage();
    }

    @Test
    void unknownPoolAndIdentityAreNotFound() {
        String missingPool = "us-east-1:" + UUID.randomUUID();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> anonymous.getId(r -> r.identityPoolId(missingPool)))
                .awsErrorDetails().errorMessage()).isEqualTo("IdentityPool '" + missingPool + "' not found.");
        String missingIdentity = "us-east-1:" + UUID.randomUUID();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.describeIdentity(r -> r.identityId(missingIdentity)))
                .awsErrorDetails().errorMessage()).isEqualTo("Identity '" + missingIdentity + "' not found.");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> anonymous.getId(r -> r.identityPoolId("bad id")))
                .awsErrorDetails().errorMessage()).contains("at 'identityPoolId' failed to satisfy constraint");
    }

    @Test
    void guestsGetANewIdentityEachTimeAndArePagedByListIdentities() {
        String pool = pool(true);
        List<String> guests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            guests.add(anonymous.getId(r -> r.identityPoolId(pool)).identityId());
        }
        assertThat(guests).doesNotHaveDuplicates();
        assertThat(operator.describeIdentity(r -> r.identityId(guests.get(0))).logins()).isEmpty();

        List<String> listed = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListIdentitiesResponse page = operator.listIdentities(r -> r.identityPoolId(pool).maxResults(2).nextToken(token).hideDisabled(true));
            assertThat(page.identityPoolId()).isEqualTo(pool);
            assertThat(page.identities()).hasSizeLessThanOrEqualTo(2);
            page.identities().stream().map(IdentityDescription::identityId).forEach(listed::add);
            next = page.nextToken();
        } while (next != null);
        assertThat(listed).containsExactlyElementsOf(guests.stream().sorted().toList());
    }

    @Test
    void listIdentitiesNeedsOperatorSignature() {
        String pool = pool(true);
        CognitoIdentityException refused = catchThrowableOfType(CognitoIdentityException.class,
                () -> anonymous.listIdentities(r -> r.identityPoolId(pool).maxResults(10)));
        assertThat(refused.statusCode()).isEqualTo(403);
    }
}
