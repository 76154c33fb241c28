package dev.cognate.identitypool.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.TrustedUserPoolTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetPrincipalTagAttributeMapResponse;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentity.model.SetPrincipalTagAttributeMapResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Attributes for access control with real clients: Set/GetPrincipalTagAttributeMap through the SDK's
 * {@code CognitoIdentityClient}, then the tags of a user pool login travelling with what the identity gets — sealed in
 * the session token of GetCredentialsForIdentity's credentials (opened here with the service's own SessionTokens), in
 * the {@code https://aws.amazon.com/tags} claim of GetOpenIdToken's token, and through STS AssumeRoleWithWebIdentity
 * into the credentials it returns (with {@code PackedPolicySize}, as AWS answers when session tags were passed).
 */
@QuarkusTest
class PrincipalTagsTest extends TrustedUserPoolTest {

    static final String USER_POOL = "us-east-1_TagsPool1";
    static final String CLIENT = "tagsclient1";
    static final String AUTH = "arn:aws:iam::123456789012:role/Tagged_Authenticated";
    static final String GUEST = "arn:aws:iam::123456789012:role/Tagged_Guest";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SessionTokens sessionTokens;

    PrincipalTagsTest() {
        super(USER_POOL);
    }

    String pool() {
        return identityPool("tags", CLIENT, r -> r.allowUnauthenticatedIdentities(true).allowClassicFlow(true),
                Map.of("authenticated", AUTH, "unauthenticated", GUEST), null);
    }

    @Test
    void customMapRoundTripsAndTagsTravelSealedInTheSessionToken() {
        String pool = pool();
        SetPrincipalTagAttributeMapResponse set = operator.setPrincipalTagAttributeMap(r -> r.identityPoolId(pool).identityProviderName(provider)
                .useDefaults(false).principalTags(Map.of("department", "custom:department", "user", "sub", "groups", "cognito:groups",
                        "missing", "custom:absent")));
        assertThat(set.identityPoolId()).isEqualTo(pool);
        assertThat(set.identityProviderName()).isEqualTo(provider);
        assertThat(set.useDefaults()).isFalse();
        assertThat(set.principalTags()).containsEntry("department", "custom:department").hasSize(4);
        GetPrincipalTagAttributeMapResponse got = operator.getPrincipalTagAttributeMap(r -> r.identityPoolId(pool).identityProviderName(provider));
        assertThat(got.useDefaults()).isFalse();
        assertThat(got.principalTags()).isEqualTo(set.principalTags());

        Map<String, String> logins = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "tina", c -> {
            c.put("custom:department", "research");
            c.putArray("cognito:groups").add("admins");
        }));
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();
        Credentials credentials = anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins)).credentials();

        SessionCredentials sealed = sessionTokens.open(credentials.sessionToken()).orElseThrow();
        // a list claim (cognito:groups) and an absent claim give no tag
        assertThat(sealed.principalTags()).isEqualTo(Map.of("department", "research", "user", "tina"));
        assertThat(sealed.identityId()).isEqualTo(identityId);
        assertThat(sealed.roleArn()).isEqualTo(AUTH);
    }

    @Test
    void defaultsMapClientAndUsernameAndTravelInTheIdentityTokenAndThroughSts() throws Exception {
        String pool = pool();
        SetPrincipalTagAttributeMapResponse set = operator.setPrincipalTagAttributeMap(r -> r.identityPoolId(pool)
                .identityProviderName(provider).useDefaults(true));
        assertThat(set.useDefaults()).isTrue();
        assertThat(set.principalTags()).isEmpty();

        Map<String, String> logins = Map.of(provider, issuer.idToken(USER_POOL, CLIENT, "dora"));
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();
        Credentials credentials = anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins)).credentials();
        assertThat(sessionTokens.open(credentials.sessionToken()).orElseThrow().principalTags())
                .isEqualTo(Map.of("client", CLIENT, "username", "dora"));

        String token = anonymous.getOpenIdToken(r -> r.identityId(identityId).logins(logins)).token();
        JsonNode tags = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("https://aws.amazon.com/tags");
        assertThat(tags.path("principal_tags").path("client").get(0).asText()).isEqualTo(CLIENT);
        assertThat(tags.path("principal_tags").path("username").get(0).asText()).isEqualTo("dora");
        assertThat(tags.path("transitive_tag_keys")).extracting(JsonNode::asText).containsExactly("client", "username");

        AssumeRoleWithWebIdentityResponse assumed;
        try (StsClient sts = CognitoIdentityClients.sts(endpoint)) {
            assumed = sts.assumeRoleWithWebIdentity(r -> r.roleArn(AUTH).roleSessionName("tagged").webIdentityToken(token));
        }
        assertThat(assumed.packedPolicySize()).isBetween(1, 100);
        assertThat(sessionTokens.open(assumed.credentials().sessionToken()).orElseThrow().principalTags())
                .isEqualTo(Map.of("client", CLIENT, "username", "dora"));
    }

    @Test
    void withoutAMapCredentialsCarryNoTagsAndStsAnswersNoPackedPolicySize() {
        String pool = pool();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.getPrincipalTagAttributeMap(r -> r
                .identityPoolId(pool).identityProviderName(provider))).awsErrorDetails().errorMessage())
                .isEqualTo("PrincipalTagAttributeMap for provider '" + provider + "' of IdentityPool '" + pool + "' not found.");
        String guest = anonymous.getId(r -> r.identityPoolId(pool)).identityId();
        Credentials credentials = anonymous.getCredentialsForIdentity(r -> r.identityId(guest)).credentials();
        assertThat(sessionTokens.open(credentials.sessionToken()).orElseThrow().principalTags()).isEmpty();

        String token = anonymous.getOpenIdToken(r -> r.identityId(guest)).token();
        try (StsClient sts = CognitoIdentityClients.sts(endpoint)) {
            assertThat(sts.assumeRoleWithWebIdentity(r -> r.roleArn(GUEST).roleSessionName("guest").webIdentityToken(token))
                    .packedPolicySize()).isNull();
        }
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() throws Exception {
        String pool = pool();
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.setPrincipalTagAttributeMap(r -> r.identityPoolId(pool)
                .identityProviderName("accounts.google.com").useDefaults(true))).awsErrorDetails().errorMessage())
                .isEqualTo("'accounts.google.com' is not an identity provider of IdentityPool '" + pool + "'.");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.setPrincipalTagAttributeMap(r -> r.identityPoolId(pool)
                .identityProviderName(provider).useDefaults(true).principalTags(Map.of("a", "sub")))).awsErrorDetails().errorMessage())
                .isEqualTo("PrincipalTags must be empty when UseDefaults is true.");
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooMany.put("tag" + i, "sub");
        }
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.setPrincipalTagAttributeMap(r -> r.identityPoolId(pool)
                .identityProviderName(provider).useDefaults(false).principalTags(tooMany))).awsErrorDetails().errorMessage())
                .startsWith("1 validation error detected: Value '").endsWith("' at 'principalTags' failed to satisfy constraint: Member must have length less than or equal to 50");
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> operator.setPrincipalTagAttributeMap(r -> r.identityPoolId(pool)
                .identityProviderName(provider).useDefaults(false).principalTags(Map.of("a", "x".repeat(257))))).awsErrorDetails().errorMessage())
                .contains("Map value must satisfy constraint: [Member must have length less than or equal to 256]");
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.setPrincipalTagAttributeMap(r -> r
                .identityPoolId("us-east-1:00000000-0000-0000-0000-000000000000").identityProviderName(provider).useDefaults(true)))
                .awsErrorDetails().errorMessage()).isEqualTo("IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.");
        // nothing was stored by the refused calls
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> operator.getPrincipalTagAttributeMap(r -> r
                .identityPoolId(pool).identityProviderName(provider)))).isNotNull();

        // unsigned: an operator action
        HttpResponse<String> unsigned = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                        URI.create(endpoint.toString())).header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityService.GetPrincipalTagAttributeMap")
                .POST(HttpRequest.BodyPublishers.ofString("{\"IdentityPoolId\":\"" + pool + "\",\"IdentityProviderName\":\"" + provider + "\"}",
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(type -> assertThat(type).startsWith("MissingAuthenticationTokenException"));
    }
}
