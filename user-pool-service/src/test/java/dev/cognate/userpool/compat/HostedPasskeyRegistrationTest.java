package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognate.internalapi.HostedLoginResponses;
import dev.cognate.userpool.api.HostedUiApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFactorType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.WebAuthnCredentialDescription;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static dev.cognate.userpool.api.HostedUiApi.assertError;
import static dev.cognate.userpool.api.HostedUiApi.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal routes behind the hosted {@code /passkeys/add} page: StartWebAuthnRegistration and
 * CompleteWebAuthnRegistration for the user of a hosted session (named by its {@code sub}, of the client's pool), with a
 * software authenticator as the browser's — the passkey then listed by the API for the user's access token; another
 * pool's user, another user's challenge, a foreign origin, a duplicate and bad bodies refused with nothing stored.
 */
@QuarkusTest
class HostedPasskeyRegistrationTest extends PasskeyFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String hostedClientId;

    @BeforeEach
    void hostedClient() {
        hostedClientId = HostedUiApi.hostedClient(cognito, poolId, null);
    }

    private long storedPasskeys(String sub) {
        return db.preparedQuery("SELECT count(*) FROM webauthn_credentials WHERE user_pool_id = $1 AND sub = $2::uuid")
                .execute(Tuple.of(poolId, sub)).await().indefinitely().iterator().next().getLong(0);
    }

    private static Response startFor(String client, String sub) {
        return HostedUiApi.post(client, "start-passkey-registration", sub == null ? Map.of() : Map.of("sub", sub));
    }

    private static JsonNode options(Response started) throws Exception {
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(200);
        assertThat(started.jsonPath().getMap("$").keySet()).as("the shared record's members, no more")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(HostedLoginResponses.PasskeyCreationOptions.class.getRecordComponents())
                        .map(RecordComponent::getName).toList());
        return JSON.readTree(started.jsonPath().getString("options"));
    }

    private static Response completeFor(String client, String sub, String credential) {
        Map<String, String> body = new HashMap<>();
        body.put("sub", sub);
        body.put("credential", credential);
        return HostedUiApi.post(client, "complete-passkey-registration", body);
    }

    @Test
    void registersAPasskeyForTheHostedSessionsUser() throws Exception {
        String sub = createUser("hana", true);
        JsonNode options = options(startFor(hostedClientId, sub));
        assertThat(options.path("rp").path("id").asText()).isEqualTo(RP_ID);
        assertThat(options.path("user").path("name").asText()).isEqualTo("hana");

        SoftwareAuthenticator passkey = new SoftwareAuthenticator(ORIGIN, RP_ID);
        Response completed = completeFor(hostedClientId, sub, passkey.register(options).toString());

        assertThat(completed.statusCode()).as(completed.asString()).isEqualTo(200);
        assertThat(completed.jsonPath().getMap("$")).isEmpty();
        String token = passwordAuth(clientId, "hana", PASSWORD).authenticationResult().accessToken();
        assertThat(anonymous.listWebAuthnCredentials(r -> r.accessToken(token)).credentials())
                .extracting(WebAuthnCredentialDescription::credentialId).containsExactly(passkey.credentialId());
        assertThat(options(startFor(hostedClientId, sub)).path("excludeCredentials").get(0).path("id").asText())
                .as("the new passkey is excluded from the next registration").isEqualTo(passkey.credentialId());
    }

    @Test
    void theSamePasskeyTwiceIsRefusedAsAlreadyRegistered() throws Exception {
        String sub = createUser("ines", true);
        SoftwareAuthenticator passkey = new SoftwareAuthenticator(ORIGIN, RP_ID);
        completeFor(hostedClientId, sub, passkey.register(options(startFor(hostedClientId, sub))).toString());

        Response again = completeFor(hostedClientId, sub, passkey.register(options(startFor(hostedClientId, sub))).toString());

        assertError(again, 400, "InvalidParameterException", "This passkey is already registered.");
        assertThat(storedPasskeys(sub)).isOne();
    }

    @Test
    void onlyTheUserWhoseRegistrationWasStartedCompletesIt() throws Exception {
        String started = createUser("jon", true);
        String other = createUser("kai", true);
        JsonNode options = options(startFor(hostedClientId, started));

        Response stolen = completeFor(hostedClientId, other, new SoftwareAuthenticator(ORIGIN, RP_ID).register(options).toString());

        assertRefused(stolen, "WebAuthnChallengeNotFoundException");
        assertThat(storedPasskeys(other)).isZero();
        assertThat(storedPasskeys(started)).isZero();
    }

    @Test
    void aUserOfAnotherPoolIsNotFound() {
        String otherPool = cognito.createUserPool(r -> r.poolName("other " + unique())
                .policies(p -> p.signInPolicy(s -> s.allowedFirstAuthFactors(AuthFactorType.PASSWORD, AuthFactorType.WEB_AUTHN)))).userPool().id();
        String stranger = cognito.adminCreateUser(r -> r.userPoolId(otherPool).username("lea")).user().attributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();

        assertError(startFor(hostedClientId, stranger), 400, "UserNotFoundException", "User does not exist.");
    }

    @Test
    void refusesACredentialMadeForAnotherOrigin() throws Exception {
        String sub = createUser("max", true);
        SoftwareAuthenticator phishing = new SoftwareAuthenticator("https://example.com.evil.test", RP_ID);

        Response refused = completeFor(hostedClientId, sub, phishing.register(options(startFor(hostedClientId, sub))).toString());

        assertRefused(refused, "WebAuthnOriginNotAllowedException");
        assertThat(storedPasskeys(sub)).isZero();
    }

    @Test
    void refusesBadBodiesAndClientsWithoutTheHostedLogin() throws Exception {
        String sub = createUser("nia", true);

        assertRefused(startFor(hostedClientId, null), "InvalidParameterException");
        assertRefused(startFor(hostedClientId, "not-a-uuid"), "InvalidParameterException");
        assertRefused(startFor(hostedClientId, "123e4567-e89b-12d3-a456-42661417400g"), "InvalidParameterException");
        assertError(startFor(clientId, sub), 400, "InvalidParameterException", "Client is not enabled for OAuth");
        options(startFor(hostedClientId, sub));
        assertRefused(completeFor(hostedClientId, sub, null), "InvalidParameterException");
        assertError(completeFor(hostedClientId, sub, "not json"), 400, "InvalidParameterException",
                "Credential must be a RegistrationResponseJSON object.");
        assertError(completeFor(hostedClientId, sub, "[1]"), 400, "InvalidParameterException",
                "Credential must be a RegistrationResponseJSON object.");
        assertThat(storedPasskeys(sub)).isZero();
    }
}
