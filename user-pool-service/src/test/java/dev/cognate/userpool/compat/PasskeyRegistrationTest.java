package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFactorType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListWebAuthnCredentialsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.WebAuthnChallengeNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.WebAuthnClientMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.WebAuthnConfigurationMissingException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.WebAuthnCredentialDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.WebAuthnCredentialNotSupportedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.WebAuthnNotEnabledException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.WebAuthnOriginNotAllowedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.WebAuthnRelyingPartyMismatchException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Passkey registration through the AWS SDK for Java v2 with a software authenticator: StartWebAuthnRegistration's options
 * in Cognito's shape, CompleteWebAuthnRegistration verified (origin, RP ID, single-use challenge bound to the app client,
 * user verification as the pool requires), ListWebAuthnCredentials with pages, DeleteWebAuthnCredential, the limit of 20,
 * Cognito's exceptions for a pool without passkeys or without a relying party — and nothing stored by a refused call.
 */
@QuarkusTest
class PasskeyRegistrationTest extends PasskeyFixture {

    private long storedPasskeys(String sub) {
        return db.preparedQuery("SELECT count(*) FROM webauthn_credentials WHERE user_pool_id = $1 AND sub = $2::uuid")
                .execute(Tuple.of(poolId, sub)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void startAnswersCredentialCreationOptionsAsCognito() {
        String sub = createUser("ada", true);
        String token = passwordAuth(clientId, "ada", PASSWORD).authenticationResult().accessToken();

        JsonNode options = start(token);

        assertThat(options.path("rp").path("id").asText()).isEqualTo(RP_ID);
        assertThat(options.path("rp").path("name").asText()).isEqualTo(RP_ID);
        assertThat(options.path("user").path("id").asText())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(sub.getBytes(StandardCharsets.UTF_8)));
        assertThat(options.path("user").path("name").asText()).isEqualTo("ada");
        assertThat(options.path("user").path("displayName").asText()).isEqualTo("ada");
        assertThat(Base64.getUrlDecoder().decode(options.path("challenge").asText())).hasSize(32);
        assertThat(options.path("pubKeyCredParams").toString()).isEqualTo("[{\"alg\":-7,\"type\":\"public-key\"},{\"alg\":-257,\"type\":\"public-key\"}]");
        assertThat(options.path("authenticatorSelection").toString())
                .isEqualTo("{\"requireResidentKey\":true,\"residentKey\":\"required\",\"userVerification\":\"preferred\"}");
        assertThat(options.path("excludeCredentials").isArray()).isTrue();
        assertThat(options.path("excludeCredentials")).isEmpty();
        assertThat(options.path("timeout").asInt()).isEqualTo(60000);
        assertThat(start(token).path("challenge").asText()).as("a new challenge each time").isNotEqualTo(options.path("challenge").asText());
    }

    @Test
    void aRegisteredPasskeyIsListedExcludedAndDeleted() throws Exception {
        String sub = createUser("bea", true);
        String token = passwordAuth(clientId, "bea", PASSWORD).authenticationResult().accessToken();
        Instant before = Instant.now().minusSeconds(1);

        SoftwareAuthenticator passkey = register(token);

        ListWebAuthnCredentialsResponse listed = anonymous.listWebAuthnCredentials(r -> r.accessToken(token));
        assertThat(listed.credentials()).hasSize(1);
        assertThat(listed.nextToken()).isNull();
        WebAuthnCredentialDescription description = listed.credentials().get(0);
        assertThat(description.credentialId()).isEqualTo(passkey.credentialId());
        assertThat(description.friendlyCredentialName()).isEqualTo("Platform passkey");
        assertThat(description.relyingPartyId()).isEqualTo(RP_ID);
        assertThat(description.authenticatorAttachment()).isEqualTo("platform");
        assertThat(description.authenticatorTransports()).containsExactly("hybrid", "internal");
        assertThat(description.createdAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(start(token).path("excludeCredentials").toString())
                .isEqualTo("[{\"id\":\"" + passkey.credentialId() + "\",\"type\":\"public-key\"}]");
        assertThat(OutboxRows.forPool(db, poolId, "sub")).contains(new OutboxRows.Row("cognate.userpool.user.mfa.updated.v1", poolId + "/" + sub, sub));

        assertThatThrownBy(() -> anonymous.deleteWebAuthnCredential(r -> r.accessToken(token).credentialId("bm90LWEtcGFzc2tleQ")))
                .isInstanceOf(ResourceNotFoundException.class);
        anonymous.deleteWebAuthnCredential(r -> r.accessToken(token).credentialId(passkey.credentialId()));
        assertThat(anonymous.listWebAuthnCredentials(r -> r.accessToken(token)).credentials()).isEmpty();
        assertThat(storedPasskeys(sub)).isZero();
        assertThatThrownBy(() -> anonymous.deleteWebAuthnCredential(r -> r.accessToken(token).credentialId(passkey.credentialId())))
                .as("deleted once").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aUserCannotDeleteAnotherUsersPasskeyAndPasskeysGoWithTheirUser() throws Exception {
        String ownerSub = createUser("cy", true);
        String owner = passwordAuth(clientId, "cy", PASSWORD).authenticationResult().accessToken();
        String other = signedInUser("dot");
        SoftwareAuthenticator passkey = register(owner);

        assertThatThrownBy(() -> anonymous.deleteWebAuthnCredential(r -> r.accessToken(other).credentialId(passkey.credentialId())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(anonymous.listWebAuthnCredentials(r -> r.accessToken(other)).credentials()).isEmpty();
        assertThat(storedPasskeys(ownerSub)).isOne();

        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("cy"));
        assertThat(storedPasskeys(ownerSub)).isZero();
    }

    @Test
    void listsPageByPageUpToTheLimitOfTwentyPasskeys() throws Exception {
        String token = signedInUser("eve");
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            registered.add(register(token).credentialId());
        }
        assertThatThrownBy(() -> start(token)).isInstanceOf(LimitExceededException.class);

        List<String> listed = new ArrayList<>();
        ListWebAuthnCredentialsResponse page = anonymous.listWebAuthnCredentials(r -> r.accessToken(token).maxResults(8));
        listed.addAll(page.credentials().stream().map(WebAuthnCredentialDescription::credentialId).toList());
        while (page.nextToken() != null) {
            String next = page.nextToken();
            page = anonymous.listWebAuthnCredentials(r -> r.accessToken(token).maxResults(8).nextToken(next));
            assertThat(page.credentials()).hasSizeLessThanOrEqualTo(8);
            listed.addAll(page.credentials().stream().map(WebAuthnCredentialDescription::credentialId).toList());
        }
        assertThat(listed).containsExactlyElementsOf(registered);
        assertThat(anonymous.listWebAuthnCredentials(r -> r.accessToken(token)).credentials()).hasSize(20);
        assertThatThrownBy(() -> anonymous.listWebAuthnCredentials(r -> r.accessToken(token).maxResults(21)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.listWebAuthnCredentials(r -> r.accessToken(token).nextToken("not-a-token")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void refusesACredentialMadeForAnotherOrigin() throws Exception {
        String sub = createUser("fay", true);
        String token = passwordAuth(clientId, "fay", PASSWORD).authenticationResult().accessToken();
        SoftwareAuthenticator phishing = new SoftwareAuthenticator("https://example.com.evil.test", RP_ID);

        assertThatThrownBy(() -> complete(token, phishing.register(start(token))))
                .isInstanceOf(WebAuthnOriginNotAllowedException.class);
        SoftwareAuthenticator plainHttp = new SoftwareAuthenticator("http://app.example.com", RP_ID);
        assertThatThrownBy(() -> complete(token, plainHttp.register(start(token))))
                .isInstanceOf(WebAuthnOriginNotAllowedException.class);
        assertThat(storedPasskeys(sub)).isZero();

        SoftwareAuthenticator rpItself = new SoftwareAuthenticator("https://example.com:8443", RP_ID);
        complete(token, rpItself.register(start(token)));
        assertThat(storedPasskeys(sub)).as("the RP ID's own https origin, any port").isOne();
    }

    @Test
    void refusesACredentialScopedToAnotherRelyingParty() throws Exception {
        String sub = createUser("gil", true);
        String token = passwordAuth(clientId, "gil", PASSWORD).authenticationResult().accessToken();
        SoftwareAuthenticator otherRp = new SoftwareAuthenticator(ORIGIN, "app.example.com");

        assertThatThrownBy(() -> complete(token, otherRp.register(start(token))))
                .isInstanceOf(WebAuthnRelyingPartyMismatchException.class);
        assertThat(storedPasskeys(sub)).isZero();
    }

    @Test
    void aChallengeAnswersOneRegistrationOnlyAndOnlyTheLatestCounts() throws Exception {
        String sub = createUser("hal", true);
        String token = passwordAuth(clientId, "hal", PASSWORD).authenticationResult().accessToken();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN, RP_ID);

        assertThatThrownBy(() -> complete(token, authenticator.register(JSON.createObjectNode().put("challenge", "AAAA"))))
                .as("nothing started").isInstanceOf(WebAuthnChallengeNotFoundException.class);

        JsonNode stale = start(token);
        JsonNode latest = start(token);
        assertThatThrownBy(() -> complete(token, authenticator.register(stale)))
                .as("a newer start replaced it").isInstanceOf(WebAuthnChallengeNotFoundException.class);

        JsonNode options = start(token);
        ObjectNode credential = authenticator.register(options);
        complete(token, credential);
        assertThatThrownBy(() -> complete(token, credential)).as("replayed").isInstanceOf(WebAuthnChallengeNotFoundException.class);
        assertThat(storedPasskeys(sub)).isOne();
        assertThat(latest).isNotNull();
    }

    @Test
    void theChallengeBelongsToTheAppClientThatStartedIt() throws Exception {
        String sub = createUser("ike", true);
        String otherClient = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH), false);
        String token = passwordAuth(clientId, "ike", PASSWORD).authenticationResult().accessToken();
        String otherToken = passwordAuth(otherClient, "ike", PASSWORD).authenticationResult().accessToken();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN, RP_ID);

        ObjectNode credential = authenticator.register(start(token));
        assertThatThrownBy(() -> complete(otherToken, credential)).isInstanceOf(WebAuthnClientMismatchException.class);
        assertThat(storedPasskeys(sub)).isZero();
    }

    @Test
    void userVerificationRequiredRefusesAnAuthenticatorThatDidNotVerify() throws Exception {
        relyingParty(RP_ID, "required");
        String sub = createUser("jo", true);
        String token = passwordAuth(clientId, "jo", PASSWORD).authenticationResult().accessToken();
        SoftwareAuthenticator presenceOnly = new SoftwareAuthenticator(ORIGIN, RP_ID);
        presenceOnly.userVerified = false;

        JsonNode options = start(token);
        assertThat(options.path("authenticatorSelection").path("userVerification").asText()).isEqualTo("required");
        assertThatThrownBy(() -> complete(token, presenceOnly.register(options)))
                .isInstanceOf(WebAuthnCredentialNotSupportedException.class);
        assertThat(storedPasskeys(sub)).isZero();
    }

    @Test
    void refusesMalformedCredentialsWithInvalidParameter() {
        String token = signedInUser("kim");
        start(token);
        assertThatThrownBy(() -> complete(token, JSON.createObjectNode().put("id", "x").put("type", "public-key")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.completeWebAuthnRegistration(r -> r.accessToken(token)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.startWebAuthnRegistration(r -> r.accessToken("not.a.token")))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void aPoolWithoutPasskeysAnswersWebAuthnNotEnabled() {
        cognito.updateUserPool(r -> r.userPoolId(poolId).policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactors(AuthFactorType.PASSWORD))));
        String token = signedInUser("lee");
        assertThatThrownBy(() -> start(token)).isInstanceOf(WebAuthnNotEnabledException.class);
    }

    @Test
    void aPoolWithoutRelyingPartyOrDomainAnswersConfigurationMissingAndADomainBecomesTheRelyingParty() throws Exception {
        poolId = cognito.createUserPool(r -> r.poolName("no-rp " + unique())
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactors(AuthFactorType.PASSWORD, AuthFactorType.WEB_AUTHN)))).userPool().id();
        clientId = newClient(List.of(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH), false);
        String token = signedInUser("max");
        assertThatThrownBy(() -> start(token)).isInstanceOf(WebAuthnConfigurationMissingException.class);

        String prefix = "pk" + unique().replace("-", "");
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix));
        JsonNode options = start(token);
        String rpId = prefix + ".auth.us-east-1.localhost";
        assertThat(options.path("rp").path("id").asText()).isEqualTo(rpId);
        SoftwareAuthenticator hostedLogin = new SoftwareAuthenticator("http://" + rpId + ":8082", rpId);
        complete(token, hostedLogin.register(options));
        assertThat(anonymous.listWebAuthnCredentials(r -> r.accessToken(token)).credentials()).hasSize(1);
    }
}
