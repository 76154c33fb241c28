package dev.cognate.userpool.federation.saml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SAML 2.0 sign-in against a real IdP (samlify): the pool's AuthnRequest goes to the IdP, the IdP's response comes back
 * through the internal route hosted-ui-service calls for {@code /saml2/idpresponse}, and the federated user is what the
 * AWS SDK then reads. Every forged or misdirected response is refused and leaves no user.
 */
@QuarkusTest
class SamlSignInTest extends SamlFixture {

    private static final Map<String, Object> ALICE = Map.of("nameId", "alice", "sessionIndex", "_session-alice",
            "attributes", Map.of("email", List.of("alice@example.com"), "groups", List.of("admins", "staff")));

    private String attribute(String username, String name) {
        AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(poolId).username(username));
        return user.userAttributes().stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst().orElse(null);
    }

    @Test
    void spInitiatedSignInCreatesTheFederatedUser() throws Exception {
        poolWithProvider(Map.of());
        String federationId = UUID.randomUUID().toString();
        String location = start(federationId);
        assertThat(location).startsWith(idp.metadataUrl().replace("/metadata", "/sso?SAMLRequest="));
        assertThat(location).doesNotContain("Signature=").as("no RequestSigningAlgorithm: unsigned");

        SamlIdp.Answer answer = idp.signIn(location, ALICE);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.text("acs")).isEqualTo(LOGIN_BASE + "/saml2/idpresponse");
        Response signedIn = post(answer.text("SAMLResponse"), null, federationId);

        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        JsonNode body = json(signedIn);
        assertThat(body.path("signedIn").path("username").asText()).isEqualTo("Okta_alice");
        assertThat(body.path("providerName").asText()).isEqualTo(PROVIDER);
        assertThat(body.path("federationId").asText()).isEqualTo(federationId);
        assertThat(body.path("providerSession").path("nameId").asText()).isEqualTo("alice");
        assertThat(body.path("providerSession").path("sessionIndex").asText()).isEqualTo("_session-alice");
        assertThat(body.path("providerSession").path("nameIdFormat").asText()).isEqualTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        assertThat(body.path("providerSession").has(dev.cognate.internalapi.FederationResponses.SignedIn.IDP_SIGNOUT))
                .as("without IDPSignout, /logout does not go through the provider").isFalse();

        AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(poolId).username("Okta_alice"));
        assertThat(user.userStatus()).isEqualTo(UserStatusType.EXTERNAL_PROVIDER);
        assertThat(attribute("Okta_alice", "sub")).isEqualTo(body.path("signedIn").path("sub").asText());
        assertThat(attribute("Okta_alice", "email")).isEqualTo("alice@example.com");
        assertThat(attribute("Okta_alice", "name")).as("a multi-valued attribute, joined").isEqualTo("[admins, staff]");
        JsonNode identities = JSON.readTree(attribute("Okta_alice", "identities"));
        assertThat(identities.get(0).path("providerType").asText()).isEqualTo("SAML");
        assertThat(identities.get(0).path("userId").asText()).isEqualTo("alice");
        assertThat(identities.get(0).path("issuer").asText()).as("the IdP's entity id, as Cognito records it").isEqualTo(idp.metadataUrl());

        Map<String, String> details = cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName(PROVIDER))
                .identityProvider().providerDetails();
        assertThat(details).as("derived from the metadata, as Cognito's Describe answer")
                .containsEntry("SSORedirectBindingURI", idp.metadataUrl().replace("/metadata", "/sso"))
                .containsEntry("SLORedirectBindingURI", idp.metadataUrl().replace("/metadata", "/slo"))
                .containsKey("ActiveEncryptionCertificate");

        Response again = post(answer.text("SAMLResponse"), null, federationId);
        assertRefused(again, "NotAuthorizedException", "Invalid SAML response received: it answers no pending request");
    }

    @Test
    void metadataFromAFileOrAUrlThatMustBeReachable() throws Exception {
        poolWithProvider(Map.of());
        String metadataFile = idp.metadataXml();
        cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName(PROVIDER).providerDetails(Map.of("MetadataFile", metadataFile)));
        assertThat(signIn(Map.of("nameId", "fay")).statusCode()).as("MetadataFile").isEqualTo(200);

        cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName(PROVIDER)
                .providerDetails(Map.of("MetadataURL", "http://127.0.0.1:9/metadata")));
        Response unreachable = internal(dev.cognate.internalapi.InternalRoutes.FEDERATION_START, Map.of("providerName", PROVIDER,
                "federationId", UUID.randomUUID().toString(), "hostedUiBaseUrl", LOGIN_BASE, "ipAddress", "203.0.113.9"));
        assertRefused(unreachable, "InvalidParameterException",
                "Unable to use the SAML metadata of the identity provider Okta: the metadata URL could not be reached.");

        // a literal internal address is refused when the provider is written (federation/egress/ProviderEgress), nothing changed
        for (String internalAddress : List.of("https://169.254.169.254/latest/meta-data", "https://10.1.2.3/metadata")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId)
                            .providerName(PROVIDER).providerDetails(Map.of("MetadataURL", internalAddress))))
                    .isInstanceOf(software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException.class)
                    .hasMessageContaining("which Cognate does not call");
            assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName(PROVIDER)).identityProvider()
                    .providerDetails()).containsEntry("MetadataURL", "http://127.0.0.1:9/metadata");
        }

        cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName(PROVIDER)
                .providerDetails(Map.of("MetadataFile", "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>")));
        Response notMetadata = internal(dev.cognate.internalapi.InternalRoutes.FEDERATION_START, Map.of("providerName", PROVIDER,
                "federationId", UUID.randomUUID().toString(), "hostedUiBaseUrl", LOGIN_BASE, "ipAddress", "203.0.113.9"));
        assertRefused(notMetadata, "InvalidParameterException", "Unable to use the SAML metadata of the identity provider Okta");
    }

    @Test
    void samlSwitchesTakeOnlyTheValuesCognitoDefines() throws Exception {
        poolWithProvider(Map.of());
        for (Map<String, String> bad : List.of(Map.of("IDPInit", "yes"), Map.of("EncryptedResponses", "1"),
                Map.of("RequestSigningAlgorithm", "rsa-sha1"))) {
            Map<String, String> details = new java.util.HashMap<>(bad);
            details.put("MetadataURL", idp.metadataUrl());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId)
                            .providerName(PROVIDER).providerDetails(details)))
                    .isInstanceOf(software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException.class)
                    .hasMessageContaining(bad.keySet().iterator().next() + " must be");
        }
    }

    @Test
    void signedAuthnRequestsAreVerifiedByTheIdp() throws Exception {
        poolWithProvider(Map.of("RequestSigningAlgorithm", "rsa-sha256"));
        String location = start(UUID.randomUUID().toString());
        assertThat(location).contains("&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256").contains("&Signature=");
        assertThat(idp.signIn(location, Map.of("wantSigned", true)).status()).as("samlify verified the pool's signature").isEqualTo(200);

        String tampered = start(UUID.randomUUID().toString()).replaceFirst("Signature=[A-Za-z0-9%]{8}", "Signature=AAAAAAAA");
        SamlIdp.Answer refused = idp.signIn(tampered, Map.of("wantSigned", true));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("error")).isEqualTo("ERR_FAILED_MESSAGE_SIGNATURE_VERIFICATION");
    }

    @Test
    void encryptedResponsesAreDecryptedAndPlaintextAssertionsRefused() throws Exception {
        poolWithProvider(Map.of("EncryptedResponses", "true"));
        Response encrypted = signIn(Map.of("nameId", "bob", "encrypt", true, "sign", "assertion",
                "attributes", Map.of("email", List.of("bob@example.com"))));
        assertThat(encrypted.statusCode()).as(encrypted.asString()).isEqualTo(200);
        assertThat(attribute("Okta_bob", "email")).isEqualTo("bob@example.com");

        Response signedResponse = signIn(Map.of("nameId", "bea", "encrypt", true, "sign", "response"));
        assertThat(signedResponse.statusCode()).as("encrypted, the response signed").as(signedResponse.asString()).isEqualTo(200);

        assertRefused(signIn(Map.of("nameId", "carl")), "NotAuthorizedException", "The assertion of the Response is not encrypted and the SP requires it");
        assertNoUser("Okta_carl");
    }

    @Test
    void idpInitiatedSignInOnlyWithIdpInit() throws Exception {
        poolWithProvider(Map.of("IDPInit", "true"));
        String relayState = "identity_provider=" + PROVIDER + "&client_id=" + clientId
                + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&response_type=code&scope=openid+email";
        SamlIdp.Answer unsolicited = idp.unsolicited(Map.of("nameId", "dora"));
        Response signedIn = post(unsolicited.text("SAMLResponse"), relayState, null);
        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(json(signedIn).path("signedIn").path("username").asText()).isEqualTo("Okta_dora");
        assertThat(json(signedIn).has("federationId")).as("no attempt: hosted-ui-service reads the RelayState").isFalse();

        assertRefused(post(unsolicited.text("SAMLResponse"), relayState, null), "NotAuthorizedException",
                "was used already");
        assertRefused(post(idp.unsolicited(Map.of("nameId", "dora")).text("SAMLResponse"), "client_id=" + clientId, null),
                "InvalidParameterException", "needs a RelayState naming identity_provider or idp_identifier");
        assertRefused(post(idp.unsolicited(Map.of("nameId", "dora")).text("SAMLResponse"),
                        "identity_provider=" + PROVIDER + "&client_id=otherclient", null),
                "InvalidParameterException", "needs a RelayState naming this client_id");
        assertThat(URLDecoder.decode(relayState, StandardCharsets.UTF_8)).contains("redirect_uri=https://app.example.com/callback");
    }

    @Test
    void idpInitiatedSignInRefusedWithoutIdpInit() throws Exception {
        poolWithProvider(Map.of());
        String relayState = "identity_provider=" + PROVIDER + "&client_id=" + clientId;
        assertRefused(post(idp.unsolicited(Map.of("nameId", "eve")).text("SAMLResponse"), relayState, null),
                "NotAuthorizedException", "IdP-initiated sign-in is not enabled for the identity provider Okta");
        assertNoUser("Okta_eve");
    }

    @Test
    void unsignedAndForeignSignedResponsesAreRefused() throws Exception {
        poolWithProvider(Map.of());
        assertRefused(signIn(Map.of("nameId", "mallory", "sign", "none")), "NotAuthorizedException", "No Signature found");
        assertRefused(signIn(Map.of("nameId", "mallory", "signer", "rogue")), "NotAuthorizedException", "Signature validation failed");
        assertRefused(signIn(Map.of("nameId", "mallory", "signer", "rogue", "sign", "response")), "NotAuthorizedException",
                "Signature validation failed");
        assertNoUser("Okta_mallory");
    }

    @Test
    void wrappedSignaturesAreRefused() throws Exception {
        poolWithProvider(Map.of());
        assertRefused(signIn(Map.of("nameId", "alice", "wrap", "sibling", "wrappedNameId", "admin")), "NotAuthorizedException",
                "SAML Response must contain 1 Assertion");
        assertRefused(signIn(Map.of("nameId", "alice", "wrap", "advice", "wrappedNameId", "admin")), "NotAuthorizedException",
                "SAML Response must contain 1 Assertion");
        assertNoUser("Okta_admin");
        assertNoUser("Okta_alice");
    }

    @Test
    void expiredMisaddressedAndMisdirectedResponsesAreRefused() throws Exception {
        poolWithProvider(Map.of());
        assertRefused(signIn(Map.of("nameId", "zed", "notOnOrAfterSeconds", -600)), "NotAuthorizedException",
                "Could not validate timestamp: expired");
        assertRefused(signIn(Map.of("nameId", "zed", "audience", "urn:amazon:cognito:sp:us-east-1_Other0000")), "NotAuthorizedException",
                "is not a valid audience for this Response");
        assertRefused(signIn(Map.of("nameId", "zed", "recipient", "https://evil.example.com/saml2/idpresponse")), "NotAuthorizedException",
                "SubjectConfirmationData doesn't match a valid Recipient");
        assertRefused(signIn(Map.of("nameId", "zed", "destination", "https://evil.example.com/saml2/idpresponse")), "NotAuthorizedException",
                "The response was received at");
        assertNoUser("Okta_zed");
    }

    @Test
    void responsesMustAnswerThisBrowsersPendingRequest() throws Exception {
        poolWithProvider(Map.of());
        assertRefused(signIn(Map.of("nameId", "ivan", "inResponseTo", "_not-a-request-of-this-pool")), "NotAuthorizedException",
                "it answers no pending request of this user pool");

        String federationId = UUID.randomUUID().toString();
        SamlIdp.Answer answer = idp.signIn(start(federationId), Map.of("nameId", "ivan"));
        assertRefused(post(answer.text("SAMLResponse"), null, UUID.randomUUID().toString()), "NotAuthorizedException",
                "it answers a request of another browser");
        // the refused attempt used the request up
        assertRefused(post(answer.text("SAMLResponse"), null, federationId), "NotAuthorizedException",
                "it answers no pending request");
        assertNoUser("Okta_ivan");
    }

    @Test
    void redisDownFailsClosed() throws Exception {
        poolWithProvider(Map.of());
        String federationId = UUID.randomUUID().toString();
        SamlIdp.Answer answer = idp.signIn(start(federationId), Map.of("nameId", "rita"));
        TestInfrastructure.stopRedis();
        try {
            assertRefused(post(answer.text("SAMLResponse"), null, federationId), "InternalErrorException", "");
            Response start = internal(dev.cognate.internalapi.InternalRoutes.FEDERATION_START, Map.of("providerName", PROVIDER,
                    "federationId", federationId, "hostedUiBaseUrl", LOGIN_BASE, "ipAddress", "203.0.113.9"));
            assertRefused(start, "InternalErrorException", "");
        } finally {
            TestInfrastructure.startRedis();
        }
        assertNoUser("Okta_rita");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(signIn(Map.of("nameId", "rita")).statusCode()).isEqualTo(200));
    }
}
