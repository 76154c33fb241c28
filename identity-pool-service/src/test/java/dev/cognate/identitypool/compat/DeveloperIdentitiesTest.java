package dev.cognate.identitypool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.LocalUserPoolIssuer;
import dev.cognate.identitypool.Rows;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.PublicKeys;
import dev.cognate.tokens.SigningAlgorithm;
import dev.cognate.tokens.VerifiedJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.IdentityDescription;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.LookupDeveloperIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceConflictException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Developer authenticated identities through the AWS SDK v2: GetOpenIdTokenForDeveloperIdentity (the token verified
 * against the published JWKS and accepted by the SDK's {@code StsClient.assumeRoleWithWebIdentity}),
 * LookupDeveloperIdentity with paging, MergeDeveloperIdentities and UnlinkDeveloperIdentity, and their refusals.
 */
@QuarkusTest
class DeveloperIdentitiesTest {

    static final String DEVELOPER = "login.cognate.test";
    static final String AUTH = "arn:aws:iam::123456789012:role/Developer_Authenticated";
    static final String UNSUPPORTED = "This identity pool does not support the specified developer provider";
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    CognitoIdentityClient operator;

    @BeforeEach
    void clients() {
        operator = CognitoIdentityClients.operator(endpoint);
    }

    @AfterEach
    void close() {
        operator.close();
    }

    String pool() {
        String pool = operator.createIdentityPool(r -> r.identityPoolName("developer-" + UUID.randomUUID().toString().substring(0, 8))
                .allowUnauthenticatedIdentities(true).allowClassicFlow(true).developerProviderName(DEVELOPER)).identityPoolId();
        operator.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTH,
                "unauthenticated", "arn:aws:iam::123456789012:role/Developer_Guest")));
        return pool;
    }

    String identityOf(String pool, String developerUserId) {
        return operator.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(pool).logins(Map.of(DEVELOPER, developerUserId))).identityId();
    }

    @Test
    void developerUserGetsAStableIdentityAndATokenStsAccepts() throws Exception {
        String pool = pool();

        var response = operator.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(pool).logins(Map.of(DEVELOPER, "user-1"))
                .tokenDuration(3600L).principalTags(Map.of("team", "blue")));

        String identityId = response.identityId();
        assertThat(identityId).matches("us-east-1:[0-9a-f-]{36}");
        VerifiedJwt token = verify(response.token(), pool);
        assertThat(token.string("sub")).isEqualTo(identityId);
        assertThat(token.claims().path("amr")).extracting(JsonNode::asText)
                .containsExactly("authenticated", DEVELOPER, DEVELOPER + ":" + pool + ":user-1");
        assertThat(token.claims().path("exp").asLong() - token.claims().path("iat").asLong()).isEqualTo(3600);
        assertThat(token.claims().path("https://aws.amazon.com/tags").path("principal_tags").path("team").get(0).asText()).isEqualTo("blue");
        assertThat(operator.describeIdentity(r -> r.identityId(identityId)).logins()).containsExactly(DEVELOPER);

        var again = operator.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(pool).logins(Map.of(DEVELOPER, "user-1")));
        assertThat(again.identityId()).isEqualTo(identityId);
        VerifiedJwt defaultDuration = verify(again.token(), pool);
        assertThat(defaultDuration.claims().path("exp").asLong() - defaultDuration.claims().path("iat").asLong()).isEqualTo(900);
        assertThat(defaultDuration.claims().has("https://aws.amazon.com/tags")).isFalse();
        assertThat(identityOf(pool, "user-2")).isNotEqualTo(identityId);

        AssumeRoleWithWebIdentityResponse assumed;
        try (StsClient sts = CognitoIdentityClients.sts(endpoint)) {
            assumed = sts.assumeRoleWithWebIdentity(r -> r.roleArn(AUTH).roleSessionName("developer").webIdentityToken(response.token()));
        }
        assertThat(assumed.subjectFromWebIdentityToken()).isEqualTo(identityId);
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Developer_Authenticated/developer");
        assertThat(Rows.strings(dataSource, "SELECT payload::jsonb ->> 'type' FROM outbox WHERE message_key = ? ORDER BY id", pool))
                .filteredOn(IdentityPoolEvents.IDENTITY_CREATED.name()::equals).hasSize(2);
    }

    @Test
    void theAppGetsCredentialsWithTheIdentityTokenItsBackendGot() {
        String pool = pool();
        var backend = operator.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(pool).logins(Map.of(DEVELOPER, "app-user"))
                .principalTags(Map.of("team", "blue")));
        var other = operator.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(pool).logins(Map.of(DEVELOPER, "app-other")));
        String login = "cognito-identity.amazonaws.com";

        try (CognitoIdentityClient app = CognitoIdentityClients.anonymous(endpoint)) {
            Credentials credentials = app.getCredentialsForIdentity(r -> r.identityId(backend.identityId())
                    .logins(Map.of(login, backend.token()))).credentials();
            try (StsClient sts = CognitoIdentityClients.sts(endpoint, credentials.accessKeyId(), credentials.secretKey(), credentials.sessionToken())) {
                assertThat(sts.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::123456789012:assumed-role/Developer_Authenticated/CognitoIdentityCredentials");
            }

            // another identity's token, a token with an edited payload, and the token beside another login are refused
            assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> app.getCredentialsForIdentity(r -> r
                    .identityId(backend.identityId()).logins(Map.of(login, other.token())))).awsErrorDetails().errorMessage())
                    .isEqualTo("Logins don't match. Please include at least one valid login for this identity or identity pool.");
            String[] parts = backend.token().split("\\.");
            String edited = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    new String(Base64.getUrlDecoder().decode(parts[1])).replace(backend.identityId(), other.identityId()).getBytes())
                    + "." + parts[2];
            assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> app.getCredentialsForIdentity(r -> r
                    .identityId(other.identityId()).logins(Map.of(login, edited)))).awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid login token. Couldn't verify signed token.");
            assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> app.getCredentialsForIdentity(r -> r
                    .identityId(backend.identityId()).logins(Map.of(login, backend.token(), DEVELOPER, "app-user")))).awsErrorDetails()
                    .errorMessage()).isEqualTo("Invalid login token. A 'cognito-identity.amazonaws.com' token is the only entry of Logins.");
        }
    }

    @Test
    void guestIdentityGivenByIdIsLinkedToTheDeveloperUserButAnotherUsersIdentityIsNot() {
        String pool = pool();
        String guest;
        try (CognitoIdentityClient anonymous = CognitoIdentityClients.anonymous(endpoint)) {
            guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
        }

        var linked = operator.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(pool).identityId(guest).logins(Map.of(DEVELOPER, "guest-user")));

        assertThat(linked.identityId()).isEqualTo(guest);
        assertThat(operator.describeIdentity(r -> r.identityId(guest)).logins()).containsExactly(DEVELOPER);
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(pool).identityId(guest).logins(Map.of(DEVELOPER, "someone-else")))).awsErrorDetails().errorMessage())
                .isEqualTo("Logins don't match. Please include at least one valid login for this identity or identity pool.");
        String unknown = "us-east-1:" + UUID.randomUUID();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(pool).identityId(unknown).logins(Map.of(DEVELOPER, "guest-user")))).awsErrorDetails().errorMessage())
                .isEqualTo("Identity '" + unknown + "' not found.");
        assertThat(lookup(pool, null, "someone-else")).isNull();
    }

    @Test
    void lookupFindsAnIdentityByEitherKeyAndPagesItsDeveloperUsers() {
        String pool = pool();
        String first = identityOf(pool, "page-a");
        identityOf(pool, "page-b");
        identityOf(pool, "page-c");
        assertThat(operator.mergeDeveloperIdentities(r -> r.identityPoolId(pool).developerProviderName(DEVELOPER)
                .sourceUserIdentifier("page-b").destinationUserIdentifier("page-a")).identityId()).isEqualTo(first);
        operator.mergeDeveloperIdentities(r -> r.identityPoolId(pool).developerProviderName(DEVELOPER)
                .sourceUserIdentifier("page-c").destinationUserIdentifier("page-a"));

        LookupDeveloperIdentityResponse page = operator.lookupDeveloperIdentity(r -> r.identityPoolId(pool).developerUserIdentifier("page-c").maxResults(2));
        assertThat(page.identityId()).isEqualTo(first);
        assertThat(page.developerUserIdentifierList()).containsExactly("page-a", "page-b");
        LookupDeveloperIdentityResponse rest = operator.lookupDeveloperIdentity(r -> r.identityPoolId(pool).identityId(first)
                .maxResults(2).nextToken(page.nextToken()));
        assertThat(rest.developerUserIdentifierList()).containsExactly("page-c");
        assertThat(rest.nextToken()).isNull();
        assertThat(operator.lookupDeveloperIdentity(r -> r.identityPoolId(pool).identityId(first).developerUserIdentifier("page-b"))
                .developerUserIdentifierList()).containsExactly("page-a", "page-b", "page-c");

        String other = identityOf(pool, "page-other");
        assertThat(catchThrowableOfType(ResourceConflictException.class, () -> operator.lookupDeveloperIdentity(r -> r.identityPoolId(pool)
                .identityId(other).developerUserIdentifier("page-a"))).awsErrorDetails().errorMessage())
                .isEqualTo("Developer user identifier 'page-a' is not linked to identity '" + other + "'.");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.lookupDeveloperIdentity(r -> r.identityPoolId(pool)))
                .awsErrorDetails().errorMessage()).isEqualTo("Either IdentityId or DeveloperUserIdentifier must be given.");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.lookupDeveloperIdentity(r -> r.identityPoolId(pool)
                .identityId(first).maxResults(61))).awsErrorDetails().errorMessage()).contains("at 'maxResults' failed to satisfy constraint");
    }

    @Test
    void mergedDeveloperIdentityIsDisabledAndItsUserFindsTheDestination() {
        String pool = pool();
        String destination = identityOf(pool, "merge-dst");
        String source = identityOf(pool, "merge-src");

        String merged = operator.mergeDeveloperIdentities(r -> r.identityPoolId(pool).developerProviderName(DEVELOPER)
                .sourceUserIdentifier("merge-src").destinationUserIdentifier("merge-dst")).identityId();

        assertThat(merged).isEqualTo(destination);
        assertThat(identityOf(pool, "merge-src")).isEqualTo(destination);
        assertThat(operator.listIdentities(r -> r.identityPoolId(pool).maxResults(10).hideDisabled(true)).identities())
                .extracting(IdentityDescription::identityId).containsExactly(destination);
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(pool).identityId(source).logins(Map.of(DEVELOPER, "merge-src")))).awsErrorDetails().errorMessage())
                .isEqualTo("Access to Identity '" + source + "' is forbidden.");
        // merging a user into its own identity changes nothing
        assertThat(operator.mergeDeveloperIdentities(r -> r.identityPoolId(pool).developerProviderName(DEVELOPER)
                .sourceUserIdentifier("merge-src").destinationUserIdentifier("merge-dst")).identityId()).isEqualTo(destination);

        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.mergeDeveloperIdentities(r -> r.identityPoolId(pool)
                .developerProviderName(DEVELOPER).sourceUserIdentifier("nobody").destinationUserIdentifier("merge-dst")))
                .awsErrorDetails().errorMessage()).isEqualTo("Developer user identifier 'nobody' not found.");
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> operator.mergeDeveloperIdentities(r -> r.identityPoolId(pool)
                .developerProviderName("other.provider").sourceUserIdentifier("merge-src").destinationUserIdentifier("merge-dst")))
                .awsErrorDetails().errorMessage()).isEqualTo(UNSUPPORTED);
        assertThat(Rows.strings(dataSource, "SELECT payload::jsonb -> 'data' ->> 'mergedIdentityIds' FROM outbox WHERE message_key = ?"
                + " AND payload::jsonb ->> 'type' = ?", pool, IdentityPoolEvents.IDENTITIES_MERGED.name())).containsExactly("[\"" + source + "\"]");
    }

    @Test
    void unlinkDeveloperIdentityRemovesTheUserAndTheLastOneDisablesTheIdentity() {
        String pool = pool();
        String identity = identityOf(pool, "unlink-1");
        identityOf(pool, "unlink-2");
        operator.mergeDeveloperIdentities(r -> r.identityPoolId(pool).developerProviderName(DEVELOPER)
                .sourceUserIdentifier("unlink-2").destinationUserIdentifier("unlink-1"));

        operator.unlinkDeveloperIdentity(r -> r.identityPoolId(pool).identityId(identity).developerProviderName(DEVELOPER).developerUserIdentifier("unlink-2"));

        assertThat(lookup(pool, identity, null)).containsExactly("unlink-1");
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.unlinkDeveloperIdentity(r -> r.identityPoolId(pool)
                .identityId(identity).developerProviderName(DEVELOPER).developerUserIdentifier("unlink-2"))).awsErrorDetails().errorMessage())
                .isEqualTo("Developer user identifier 'unlink-2' is not linked to identity '" + identity + "'.");
        assertThat(identityOf(pool, "unlink-2")).isNotEqualTo(identity);

        operator.unlinkDeveloperIdentity(r -> r.identityPoolId(pool).identityId(identity).developerProviderName(DEVELOPER).developerUserIdentifier("unlink-1"));

        assertThat(operator.describeIdentity(r -> r.identityId(identity)).logins()).isEmpty();
        assertThat(operator.listIdentities(r -> r.identityPoolId(pool).maxResults(10).hideDisabled(true)).identities())
                .extracting(IdentityDescription::identityId).doesNotContain(identity);
        assertThat(Rows.strings(dataSource, "SELECT payload::jsonb ->> 'type' FROM outbox WHERE message_key = ? ORDER BY id", pool))
                .filteredOn(IdentityPoolEvents.IDENTITY_LOGINS_UNLINKED.name()::equals).hasSize(2);
    }

    @Test
    void developerUserAndUserPoolLoginInOneCallShareOneIdentity() throws Exception {
        LocalUserPoolIssuer issuer = LocalUserPoolIssuer.get();
        String userPool = "us-east-1_DevMixed1";
        String provider = issuer.providerName(userPool);
        String pool = operator.createIdentityPool(r -> r.identityPoolName("developer-mixed").allowUnauthenticatedIdentities(false)
                .developerProviderName(DEVELOPER).cognitoIdentityProviders(p -> p.providerName(provider).clientId("devmixedclient1"))).identityPoolId();

        var response = operator.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(pool)
                .logins(Map.of(DEVELOPER, "mixed-user", provider, issuer.idToken(userPool, "devmixedclient1", "mixed-sub"))));

        assertThat(operator.describeIdentity(r -> r.identityId(response.identityId())).logins()).containsExactlyInAnyOrder(DEVELOPER, provider);
        assertThat(verify(response.token(), pool).claims().path("amr")).extracting(JsonNode::asText).containsExactlyInAnyOrder("authenticated",
                DEVELOPER, provider, DEVELOPER + ":" + pool + ":mixed-user", provider + ":CognitoSignIn:mixed-sub");
        try (CognitoIdentityClient anonymous = CognitoIdentityClients.anonymous(endpoint)) {
            assertThat(anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, issuer.idToken(userPool, "devmixedclient1", "mixed-sub"))))
                    .identityId()).isEqualTo(response.identityId());
        }
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(pool)
                .logins(Map.of(DEVELOPER, "forger", provider, issuer.forged(issuer.claims(userPool, "devmixedclient1", "victim", c -> { })))))))
                .extracting(e -> e.awsErrorDetails().errorMessage()).isEqualTo("Invalid login token. Couldn't verify signed token.");
        assertThat(lookup(pool, null, "forger")).isNull();
    }

    @Test
    void mergingBeyondTwentyLoginsIsRefused() {
        String pool = pool();
        String destination = identityOf(pool, "limit-0");
        for (int i = 1; i < 20; i++) {
            identityOf(pool, "limit-" + i);
            String source = "limit-" + i;
            operator.mergeDeveloperIdentities(r -> r.identityPoolId(pool).developerProviderName(DEVELOPER)
                    .sourceUserIdentifier(source).destinationUserIdentifier("limit-0"));
        }
        String twentyFirst = identityOf(pool, "limit-20");

        CognitoIdentityException refused = catchThrowableOfType(CognitoIdentityException.class, () -> operator.mergeDeveloperIdentities(r -> r
                .identityPoolId(pool).developerProviderName(DEVELOPER).sourceUserIdentifier("limit-20").destinationUserIdentifier("limit-0")));

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("Merged identities can have at most 20 logins.");
        assertThat(lookup(pool, destination, null)).hasSize(20);
        assertThat(identityOf(pool, "limit-20")).isEqualTo(twentyFirst);
    }

    @Test
    void poolWithoutDeveloperProviderAndBadParametersAreRefused() {
        String plain = operator.createIdentityPool(r -> r.identityPoolName("no-developer").allowUnauthenticatedIdentities(false)).identityPoolId();
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(plain).logins(Map.of(DEVELOPER, "user")))).awsErrorDetails().errorMessage()).isEqualTo(UNSUPPORTED);
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> operator.lookupDeveloperIdentity(r -> r
                .identityPoolId(plain).developerUserIdentifier("user"))).awsErrorDetails().errorMessage()).isEqualTo(UNSUPPORTED);

        String pool = pool();
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(pool).logins(Map.of(DEVELOPER, "user")).tokenDuration(86401L))).awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value '86401' at 'tokenDuration' failed to satisfy constraint: Member must have value less than or equal to 86400");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(pool).logins(Map.of(DEVELOPER, "user")).tokenDuration(0L))).awsErrorDetails().errorMessage())
                .contains("Member must have value greater than or equal to 1");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(pool).logins(Map.of(DEVELOPER, "u".repeat(1025))))).awsErrorDetails().errorMessage())
                .contains("less than or equal to 1024");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(pool).logins(Map.of(DEVELOPER, "user")).principalTags(Map.of("team", "")))).awsErrorDetails().errorMessage())
                .contains("at 'principalTags' failed to satisfy constraint");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(pool).logins(Map.of()))).awsErrorDetails().errorMessage())
                .isEqualTo("Logins must hold the developer provider's user identifier or a login token.");
        assertThat(catchThrowableOfType(NotAuthorizedException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(pool).logins(Map.of("other.provider", "user")))).awsErrorDetails().errorMessage())
                .isEqualTo("Token is not from a supported provider of this identity pool.");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.mergeDeveloperIdentities(r -> r.identityPoolId(pool)
                .developerProviderName(DEVELOPER).sourceUserIdentifier("").destinationUserIdentifier("x"))).awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value '' at 'sourceUserIdentifier' failed to satisfy constraint: Member must have length greater than or equal to 1");
        String missing = "us-east-1:" + UUID.randomUUID();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.getOpenIdTokenForDeveloperIdentity(r -> r
                .identityPoolId(missing).logins(Map.of(DEVELOPER, "user")))).awsErrorDetails().errorMessage())
                .isEqualTo("IdentityPool '" + missing + "' not found.");
        try (CognitoIdentityClient anonymous = CognitoIdentityClients.anonymous(endpoint)) {
            assertThat(catchThrowableOfType(CognitoIdentityException.class, () -> anonymous.getOpenIdTokenForDeveloperIdentity(r -> r
                    .identityPoolId(pool).logins(Map.of(DEVELOPER, "user")))).statusCode()).isEqualTo(403);
        }
        assertThat(operator.listIdentities(r -> r.identityPoolId(pool).maxResults(10)).identities()).isEmpty();
        assertThat(operator.listIdentities(r -> r.identityPoolId(plain).maxResults(10)).identities()).isEmpty();
    }

    /** The developer user identifiers LookupDeveloperIdentity answers, or {@code null} when it answers ResourceNotFoundException. */
    private List<String> lookup(String pool, String identityId, String developerUserId) {
        try {
            return operator.lookupDeveloperIdentity(r -> r.identityPoolId(pool).identityId(identityId).developerUserIdentifier(developerUserId))
                    .developerUserIdentifierList();
        } catch (ResourceNotFoundException notFound) {
            return null;
        }
    }

    private VerifiedJwt verify(String token, String pool) throws Exception {
        JsonNode discovery = JSON.readTree(get("/.well-known/openid-configuration"));
        JwtVerifier verifier = JwtVerifier.allowing(SigningAlgorithm.RS512);
        return verifier.verify(verifier.parse(token), PublicKeys.parse(JSON.readTree(get("/.well-known/jwks_uri"))),
                ClaimChecks.issuedBy(discovery.path("issuer").asText()).audience(pool));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint.toString()).resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
