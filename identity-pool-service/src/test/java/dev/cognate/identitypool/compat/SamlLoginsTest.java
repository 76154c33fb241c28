package dev.cognate.identitypool.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.identitypool.CognitoIdentityClients;
import dev.cognate.identitypool.LocalLoginProviders;
import dev.cognate.identitypool.LocalSamlIdp;
import dev.cognate.identitypool.Rows;
import dev.cognate.identitypool.sts.SessionTokens;
import dev.cognate.testkit.ScriptRun;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRuleMatchType;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMappingType;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cognate.identitypool.LocalSamlIdp.FILE_IDP_ARN;
import static dev.cognate.identitypool.LocalSamlIdp.URL_IDP_ARN;
import static dev.cognate.identitypool.LocalSamlIdp.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Logins of {@code SamlProviderARNs}: base64 SAML Responses signed by a real SAML IdP (npm samlify, {@link LocalSamlIdp}),
 * through the AWS SDK v2 ({@code GetId}, {@code GetCredentialsForIdentity}), credentials proven by Cognate's STS
 * {@code GetCallerIdentity}. Roles from the assertion ({@code CustomRoleArn}), rules on its attributes, principal tags;
 * unsigned, another signer, expired, encrypted, wrong audience or recipient, another issuer, wrapped, replayed and not the pool's
 * provider refused, writing nothing. CI runs {@code npm ci} in src/test/node-saml; without node the test is skipped.
 */
@QuarkusTest
class SamlLoginsTest {

    static final String ROLE_A = "arn:aws:iam::123456789012:role/SamlEngineers";
    static final String ROLE_B = "arn:aws:iam::123456789012:role/SamlAuditors";
    static final String AUTHENTICATED = "arn:aws:iam::123456789012:role/SamlDefault";
    static final String FINANCE = "arn:aws:iam::123456789012:role/SamlFinance";
    static final String NOT_VERIFIED = "Invalid login token. Couldn't verify signed token.";

    @TestHTTPResource("/")
    URL endpoint;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionTokens sessionTokens;

    CognitoIdentityClient operator;
    CognitoIdentityClient anonymous;

    @BeforeEach
    void clients() {
        assumeTrue(LocalSamlIdp.available(), "node and src/test/node-saml/node_modules are needed (CI runs npm ci there)");
        LocalLoginProviders.get(); // serves the URL IdP's metadata
        operator = CognitoIdentityClients.operator(endpoint);
        anonymous = CognitoIdentityClients.anonymous(endpoint);
    }

    @AfterEach
    void close() {
        if (operator != null) {
            operator.close();
            anonymous.close();
        }
    }

    String pool(String... samlProviderArns) {
        String pool = operator.createIdentityPool(r -> r.identityPoolName("saml_" + UUID.randomUUID().toString().substring(0, 8))
                .allowUnauthenticatedIdentities(false).samlProviderARNs(samlProviderArns)).identityPoolId();
        operator.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTHENTICATED)));
        return pool;
    }

    String callerArn(Credentials credentials) {
        try (StsClient sts = CognitoIdentityClients.sts(endpoint, credentials.accessKeyId(), credentials.secretKey(), credentials.sessionToken())) {
            return sts.getCallerIdentity().arn();
        }
    }

    String refusal(String pool, String provider, String samlResponse) {
        NotAuthorizedException refused = catchThrowableOfType(NotAuthorizedException.class,
                () -> anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(provider, samlResponse))));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(400);
        return refused.awsErrorDetails().errorMessage();
    }

    @Test
    void aSignedAssertionGetsAnIdentityAndCredentialsForItsRoleAndTheNameIdKeepsTheIdentity() {
        String pool = pool(FILE_IDP_ARN);
        List<String> responses = LocalSamlIdp.fromFileIdp(
                response("alice@corp.example").roles(FILE_IDP_ARN, ROLE_A).attribute("department", "engineering"),
                response("alice@corp.example").sign("response"),
                response("alice@corp.example").sign("both"));
        Map<String, String> logins = Map.of(FILE_IDP_ARN, responses.get(0));

        // the SDKs' flow: one assertion for GetId, then for GetCredentialsForIdentity
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();
        Credentials credentials = anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins)).credentials();
        String signedResponseIdentity = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(FILE_IDP_ARN, responses.get(1)))).identityId();
        String bothSignedIdentity = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(FILE_IDP_ARN, responses.get(2)))).identityId();

        assertThat(identityId).startsWith("us-east-1:");
        assertThat(callerArn(credentials)).isEqualTo("arn:aws:sts::123456789012:assumed-role/SamlEngineers/CognitoIdentityCredentials");
        assertThat(signedResponseIdentity).as("a signed Response (not assertion) is accepted too").isEqualTo(identityId);
        assertThat(bothSignedIdentity).isEqualTo(identityId);
        assertThat(operator.describeIdentity(r -> r.identityId(identityId)).logins()).containsExactly(FILE_IDP_ARN);
        assertThat(Rows.strings(dataSource, "SELECT subject FROM identity_logins WHERE identity_id = ?", identityId))
                .containsExactly("alice@corp.example");
    }

    /**
     * The AWS SDK for JavaScript v3 ({@code src/test/node/saml_credentials_with_aws_sdk_js_v3.mjs}): its
     * {@code fromCognitoIdentityPool} presents one assertion to GetId and to GetCredentialsForIdentity, both accepted;
     * presented again, refused.
     */
    @Test
    void theJavaScriptSdksCredentialProviderUsesOneAssertionForGetIdAndCredentialsAndNotTwice() throws Exception {
        assumeTrue(Files.isDirectory(AwsSdkJsV3CredentialsTest.SCRIPT_DIR.resolve("node_modules/@aws-sdk/credential-providers")),
                "src/test/node/node_modules is needed (CI runs npm ci there)");
        String pool = pool(FILE_IDP_ARN);
        String samlResponse = LocalSamlIdp.fromFileIdp(response("heidi@corp.example").roles(FILE_IDP_ARN, ROLE_B)).get(0);
        String arguments = new ObjectMapper().writeValueAsString(Map.of(
                "endpoint", endpoint.toString().replaceAll("/$", ""), "region", "us-east-1", "identityPoolId", pool,
                "provider", FILE_IDP_ARN, "samlResponse", samlResponse,
                "expectedArn", "arn:aws:sts::123456789012:assumed-role/SamlAuditors/CognitoIdentityCredentials"));

        ScriptRun run = ScriptRun.run(AwsSdkJsV3CredentialsTest.SCRIPT_DIR, Duration.ofMinutes(2),
                List.of("node", "saml_credentials_with_aws_sdk_js_v3.mjs", arguments));

        assertThat(run.succeeded()).as("node output:%n%s", run.output()).isTrue();
        assertThat(run.output()).contains("the same assertion again is refused: NotAuthorizedException", "all checks passed");
    }

    @Test
    void anAssertionBuysCredentialsOnceAndIsRefusedEverywhereAfterwards() {
        String pool = pool(FILE_IDP_ARN);
        Map<String, String> logins = Map.of(FILE_IDP_ARN, LocalSamlIdp.fromFileIdp(response("bob@corp.example")).get(0));
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(logins)).identityId();
        Credentials first = anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins)).credentials();

        NotAuthorizedException replayed = catchThrowableOfType(NotAuthorizedException.class,
                () -> anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins)));

        assertThat(callerArn(first)).endsWith("assumed-role/SamlDefault/CognitoIdentityCredentials");
        assertThat(replayed.awsErrorDetails().errorMessage()).isEqualTo("Invalid login token. The SAML assertion has already been used.");
        assertThat(refusal(pool, FILE_IDP_ARN, logins.get(FILE_IDP_ARN))).isEqualTo("Invalid login token. The SAML assertion has already been used.");
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isEqualTo(1);
    }

    @Test
    void customRoleArnChoosesAmongTheAssertionsRolesAndNothingElse() {
        String pool = pool(FILE_IDP_ARN);
        List<String> responses = LocalSamlIdp.fromFileIdp(
                response("carol@corp.example").roles(FILE_IDP_ARN, ROLE_A, ROLE_B),
                response("carol@corp.example").roles(FILE_IDP_ARN, ROLE_A, ROLE_B),
                response("carol@corp.example").roles(FILE_IDP_ARN, ROLE_A, ROLE_B),
                // a pair naming another provider offers nothing to this one
                response("carol@corp.example").roles(URL_IDP_ARN, ROLE_B));
        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(FILE_IDP_ARN, responses.get(0)))).identityId();

        Credentials auditor = anonymous.getCredentialsForIdentity(r -> r.identityId(identityId).customRoleArn(ROLE_B)
                .logins(Map.of(FILE_IDP_ARN, responses.get(0)))).credentials();
        NotAuthorizedException ambiguous = catchThrowableOfType(NotAuthorizedException.class, () -> anonymous.getCredentialsForIdentity(
                r -> r.identityId(identityId).logins(Map.of(FILE_IDP_ARN, responses.get(1)))));
        NotAuthorizedException notOffered = catchThrowableOfType(NotAuthorizedException.class, () -> anonymous.getCredentialsForIdentity(
                r -> r.identityId(identityId).customRoleArn(FINANCE).logins(Map.of(FILE_IDP_ARN, responses.get(2)))));
        Credentials otherProvidersPair = anonymous.getCredentialsForIdentity(r -> r.identityId(identityId)
                .logins(Map.of(FILE_IDP_ARN, responses.get(3)))).credentials();

        assertThat(callerArn(auditor)).endsWith("assumed-role/SamlAuditors/CognitoIdentityCredentials");
        assertThat(ambiguous.awsErrorDetails().errorMessage()).isEqualTo("The SAML assertion offers several roles: choose one with CustomRoleArn.");
        assertThat(notOffered.awsErrorDetails().errorMessage())
                .isEqualTo("CustomRoleArn '" + FINANCE + "' is not one of the roles of the SAML assertion.");
        assertThat(callerArn(otherProvidersPair)).as("no role for this provider: the pool's authenticated role")
                .endsWith("assumed-role/SamlDefault/CognitoIdentityCredentials");
    }

    @Test
    void rulesOnTheAssertionsAttributesChooseTheRoleAndTheAttributeMapGivesPrincipalTags() {
        String pool = pool(FILE_IDP_ARN);
        operator.setIdentityPoolRoles(r -> r.identityPoolId(pool).roles(Map.of("authenticated", AUTHENTICATED))
                .roleMappings(Map.of(FILE_IDP_ARN, software.amazon.awssdk.services.cognitoidentity.model.RoleMapping.builder()
                        .type(RoleMappingType.RULES).ambiguousRoleResolution("Deny")
                        .rulesConfiguration(c -> c.rules(rule -> rule.claim("department").matchType(MappingRuleMatchType.EQUALS)
                                .value("finance").roleARN(FINANCE))).build())));
        operator.setPrincipalTagAttributeMap(r -> r.identityPoolId(pool).identityProviderName(FILE_IDP_ARN)
                .principalTags(Map.of("department", "department", "user", "sub", "groups", "memberOf")));
        List<String> responses = LocalSamlIdp.fromFileIdp(
                response("dave@corp.example").attribute("department", "finance").attribute("memberOf", "a", "b"),
                response("erin@corp.example").attribute("department", "sales"));
        Map<String, String> dave = Map.of(FILE_IDP_ARN, responses.get(0));
        Map<String, String> erin = Map.of(FILE_IDP_ARN, responses.get(1));
        String daveId = anonymous.getId(r -> r.identityPoolId(pool).logins(dave)).identityId();
        String erinId = anonymous.getId(r -> r.identityPoolId(pool).logins(erin)).identityId();

        Credentials credentials = anonymous.getCredentialsForIdentity(r -> r.identityId(daveId).logins(dave)).credentials();
        NotAuthorizedException denied = catchThrowableOfType(NotAuthorizedException.class,
                () -> anonymous.getCredentialsForIdentity(r -> r.identityId(erinId).logins(erin)));

        assertThat(callerArn(credentials)).endsWith("assumed-role/SamlFinance/CognitoIdentityCredentials");
        assertThat(sessionTokens.open(credentials.sessionToken()).orElseThrow().principalTags())
                .as("a multi-valued attribute gives no tag").isEqualTo(Map.of("department", "finance", "user", "dave@corp.example"));
        assertThat(denied.awsErrorDetails().errorMessage()).contains("AmbiguousRoleResolution is Deny");
    }

    @Test
    void metadataFromAUrlIsFetchedAndItsCertificateAndIssuerAreTheOnlyOnesAccepted() {
        String pool = pool(URL_IDP_ARN);
        String good = LocalSamlIdp.fromUrlIdp(response("frank@corp.example").roles(URL_IDP_ARN, ROLE_A)).get(0);
        // the file IdP's key: a valid signature, but not by the certificate of this provider's metadata
        String otherKey = LocalSamlIdp.sign(LocalSamlIdp.URL_IDP_ENTITY, "idp-key.pem", "idp-cert.pem", response("frank@corp.example")).get(0);
        // the right key, but another issuer than the metadata's entity id
        String otherIssuer = LocalSamlIdp.sign("https://evil.example/saml", "other-key.pem", "other-cert.pem", response("frank@corp.example")).get(0);

        String identityId = anonymous.getId(r -> r.identityPoolId(pool).logins(Map.of(URL_IDP_ARN, good))).identityId();

        assertThat(identityId).startsWith("us-east-1:");
        assertThat(LocalLoginProviders.get().samlMetadataFetches()).isGreaterThanOrEqualTo(1);
        assertThat(refusal(pool, URL_IDP_ARN, otherKey)).isEqualTo(NOT_VERIFIED);
        assertThat(refusal(pool, URL_IDP_ARN, otherIssuer)).isEqualTo("Invalid login token. Issuer doesn't match providerName");
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isEqualTo(1);
    }

    @Test
    void unsignedOtherSignerExpiredWrongAudienceAndWrongRecipientAreRefusedAndCreateNothing() {
        String pool = pool(FILE_IDP_ARN);
        Instant now = Instant.now();
        List<String> responses = LocalSamlIdp.fromFileIdp(
                response("mallory@corp.example").sign("none"),
                response("mallory@corp.example").signedByOtherKey("other-key.pem", "other-cert.pem"),
                response("mallory@corp.example").valid(now.minusSeconds(3600), now.minusSeconds(600)),
                response("mallory@corp.example").audience("urn:amazon:cognito:sp:us-east-1_SomePool"),
                response("mallory@corp.example").recipient("https://attacker.example/saml"),
                response("mallory@corp.example").valid(now.plusSeconds(1200), now.plusSeconds(1800)),
                // AWS: Cognito does not take encrypted assertions from IAM SAML providers
                response("mallory@corp.example").encryptedTo("other-cert.pem"));

        assertThat(refusal(pool, FILE_IDP_ARN, responses.get(0))).as("unsigned").isEqualTo(NOT_VERIFIED);
        assertThat(refusal(pool, FILE_IDP_ARN, responses.get(1))).as("another signer").isEqualTo(NOT_VERIFIED);
        assertThat(refusal(pool, FILE_IDP_ARN, responses.get(2))).as("expired")
                .startsWith("Invalid login token. Token expired: " + now.minusSeconds(600).getEpochSecond() + " >= ");
        assertThat(refusal(pool, FILE_IDP_ARN, responses.get(3))).isEqualTo("Invalid login token. Incorrect token audience.");
        assertThat(refusal(pool, FILE_IDP_ARN, responses.get(4))).isEqualTo("Invalid login token. Incorrect SAML recipient.");
        assertThat(refusal(pool, FILE_IDP_ARN, responses.get(5))).isEqualTo("Invalid login token. The SAML assertion is not valid yet.");
        assertThat(refusal(pool, FILE_IDP_ARN, responses.get(6))).as("encrypted").isEqualTo("Invalid login token. Not a valid SAML response.");
        assertThat(refusal(pool, FILE_IDP_ARN, "bm90IHhtbA==")).isEqualTo("Invalid login token. Not a valid SAML response.");
        assertThat(refusal(pool, FILE_IDP_ARN, "%%% not base64")).isEqualTo("Invalid login token. Not a valid SAML response.");
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isZero();
    }

    @Test
    void wrappedAndEditedResponsesAreRefused() {
        String pool = pool(FILE_IDP_ARN);
        List<String> responses = LocalSamlIdp.fromFileIdp(
                response("victim@corp.example"),
                response("victim@corp.example").sign("response"));
        String signedAssertion = responses.get(0);

        // XSW: a forged assertion for another NameID beside the signed one, whose signature still verifies
        String forgedBeside = LocalSamlIdp.edited(signedAssertion, xml -> {
            int start = xml.indexOf("<saml:Assertion");
            String forged = xml.substring(start, xml.indexOf("</saml:Assertion>") + "</saml:Assertion>".length())
                    .replaceAll("<ds:Signature.*?</ds:Signature>", "")
                    .replace("victim@corp.example", "admin@corp.example").replaceFirst("ID=\"_", "ID=\"_forged");
            return xml.substring(0, start) + forged + xml.substring(start);
        });
        // XSW: the signed assertion hidden in the forged one's Subject, the forged one in its place
        String forgedAround = LocalSamlIdp.edited(signedAssertion, xml -> {
            int start = xml.indexOf("<saml:Assertion");
            int end = xml.indexOf("</saml:Assertion>") + "</saml:Assertion>".length();
            String original = xml.substring(start, end);
            String forged = original.replaceAll("<ds:Signature.*?</ds:Signature>", "")
                    .replace("victim@corp.example", "admin@corp.example").replaceFirst("ID=\"_", "ID=\"_forged")
                    .replace("</saml:Subject>", "</saml:Subject>" + "<saml:Advice>" + original + "</saml:Advice>");
            return xml.substring(0, start) + forged + xml.substring(end);
        });
        // a signed Response whose assertion was edited after signing
        String edited = LocalSamlIdp.edited(responses.get(1), xml -> xml.replace("victim@corp.example", "admin@corp.example"));

        assertThat(refusal(pool, FILE_IDP_ARN, forgedBeside)).isEqualTo("Invalid login token. Not a valid SAML response.");
        assertThat(refusal(pool, FILE_IDP_ARN, forgedAround)).isEqualTo("Invalid login token. Not a valid SAML response.");
        assertThat(refusal(pool, FILE_IDP_ARN, edited)).isEqualTo(NOT_VERIFIED);
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isZero();
    }

    @Test
    void aSamlProviderThatIsNotThePoolsOrHasNoMetadataIsRefused() {
        String pool = pool(FILE_IDP_ARN, "arn:aws:iam::000000000000:saml-provider/Unconfigured");
        String fromUrlIdp = LocalSamlIdp.fromUrlIdp(response("grace@corp.example")).get(0);

        assertThat(refusal(pool, URL_IDP_ARN, fromUrlIdp)).isEqualTo("Token is not from a supported provider of this identity pool.");
        assertThat(refusal(pool, "arn:aws:iam::000000000000:saml-provider/Unconfigured", fromUrlIdp))
                .isEqualTo("Invalid login token. No metadata is configured for the SAML provider 'arn:aws:iam::000000000000:saml-provider/Unconfigured'.");
        assertThat(Rows.count(dataSource, "SELECT 1 FROM identities WHERE identity_pool_id = ?", pool)).isZero();
    }
}
