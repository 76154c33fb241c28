package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Passkey sign-in through the AWS SDK for Java v2: InitiateAuth USER_AUTH with PREFERRED_CHALLENGE WEB_AUTHN (or the
 * choice of SELECT_CHALLENGE) answers the WEB_AUTHN challenge with CREDENTIAL_REQUEST_OPTIONS, RespondToAuthChallenge
 * with the software authenticator's CREDENTIAL ends the sign-in with tokens. Forged, replayed and cloned assertions, a
 * passkey of another user or a deleted one, another origin — each refused, counted on the lockout like a wrong password.
 */
@QuarkusTest
class PasskeySignInTest extends PasskeyFixture {

    private InitiateAuthResponse initiate(String username) {
        return anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_AUTH)
                .authParameters(Map.of("USERNAME", username, "PREFERRED_CHALLENGE", "WEB_AUTHN")));
    }

    private static JsonNode requestOptions(InitiateAuthResponse challenge) throws Exception {
        return JSON.readTree(challenge.challengeParameters().get("CREDENTIAL_REQUEST_OPTIONS"));
    }

    private RespondToAuthChallengeResponse answer(String username, String session, JsonNode credential) {
        return anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.WEB_AUTHN).session(session)
                .challengeResponses(Map.of("USERNAME", username, "CREDENTIAL", credential.toString())));
    }

    @Test
    void signsInWithAPasskeyThroughUserAuth() throws Exception {
        String sub = createUser("ann", true);
        SoftwareAuthenticator passkey = register(passwordAuth(clientId, "ann", PASSWORD).authenticationResult().accessToken());

        InitiateAuthResponse challenge = initiate("ann");
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.WEB_AUTHN);
        assertThat(challenge.authenticationResult()).isNull();
        JsonNode options = requestOptions(challenge);
        assertThat(options.path("rpId").asText()).isEqualTo(RP_ID);
        assertThat(options.path("userVerification").asText()).isEqualTo("preferred");
        assertThat(options.path("timeout").asInt()).isEqualTo(60000);
        assertThat(options.path("allowCredentials").toString())
                .isEqualTo("[{\"id\":\"" + passkey.credentialId() + "\",\"type\":\"public-key\",\"transports\":[\"hybrid\",\"internal\"]}]");

        RespondToAuthChallengeResponse signedIn = answer("ann", challenge.session(), passkey.assertion(options, SoftwareAuthenticator.userHandle(sub)));
        assertThat(signedIn.challengeName()).as("no MFA after a passkey").isNull();
        assertThat(signedIn.authenticationResult().accessToken()).isNotBlank();
        assertThat(verify(signedIn.authenticationResult().idToken(), clientId).getSubject()).isEqualTo(sub);
        assertThat(anonymous.getUser(r -> r.accessToken(signedIn.authenticationResult().accessToken())).username()).isEqualTo("ann");
        var events = cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("ann")).authEvents();
        assertThat(events.get(0).eventTypeAsString()).isEqualTo("SignIn");
        assertThat(events.get(0).eventResponseAsString()).isEqualTo("Pass");
        assertThat(events.get(0).challengeResponses()).as("a passkey sign-in checks no password: no Password outcome").isEmpty();
        assertThat(events.get(1).challengeResponses()).as("the password sign-in before it")
                .singleElement().satisfies(c -> assertThat(c.challengeNameAsString() + "/" + c.challengeResponseAsString()).isEqualTo("Password/Success"));

        // the choice: SELECT_CHALLENGE offers the passkey, and answering WEB_AUTHN asks for it
        InitiateAuthResponse select = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_AUTH)
                .authParameters(Map.of("USERNAME", "ann")));
        assertThat(select.challengeName()).isEqualTo(ChallengeNameType.SELECT_CHALLENGE);
        assertThat(select.availableChallengesAsStrings()).contains("WEB_AUTHN", "PASSWORD");
        var chosen = anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.SELECT_CHALLENGE)
                .session(select.session()).challengeResponses(Map.of("USERNAME", "ann", "ANSWER", "WEB_AUTHN")));
        assertThat(chosen.challengeName()).isEqualTo(ChallengeNameType.WEB_AUTHN);
        JsonNode chosenOptions = JSON.readTree(chosen.challengeParameters().get("CREDENTIAL_REQUEST_OPTIONS"));
        assertThat(answer("ann", chosen.session(), passkey.assertion(chosenOptions, null)).authenticationResult()).isNotNull();
    }

    @Test
    void aUserWithoutPasskeyOrAPoolRequiringMfaIsNotOfferedWebAuthn() throws Exception {
        createUser("bob", true);
        InitiateAuthResponse select = initiate("bob");
        assertThat(select.challengeName()).as("PREFERRED_CHALLENGE the user cannot use: the choice").isEqualTo(ChallengeNameType.SELECT_CHALLENGE);
        assertThat(select.availableChallengesAsStrings()).doesNotContain("WEB_AUTHN");

        register(passwordAuth(clientId, "bob", PASSWORD).authenticationResult().accessToken());
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(t -> t.enabled(true)).webAuthnConfiguration(w -> w.relyingPartyId(RP_ID)));
        assertThat(initiate("bob").availableChallengesAsStrings()).doesNotContain("WEB_AUTHN");
    }

    @Test
    void aForgedAssertionIsRefusedAndCountsTowardsTheLockout() throws Exception {
        String sub = createUser("cat", true);
        SoftwareAuthenticator passkey = register(passwordAuth(clientId, "cat", PASSWORD).authenticationResult().accessToken());
        SoftwareAuthenticator impostor = new SoftwareAuthenticator(ORIGIN, RP_ID);
        System.arraycopy(passkey.credentialId, 0, impostor.credentialId, 0, passkey.credentialId.length);

        for (int attempt = 0; attempt < 5; attempt++) {
            InitiateAuthResponse challenge = initiate("cat");
            ObjectNode forged = impostor.assertion(requestOptions(challenge), SoftwareAuthenticator.userHandle(sub));
            assertThatThrownBy(() -> answer("cat", challenge.session(), forged))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        }
        InitiateAuthResponse challenge = initiate("cat");
        ObjectNode genuine = passkey.assertion(requestOptions(challenge), null);
        assertThatThrownBy(() -> answer("cat", challenge.session(), genuine))
                .as("five forged assertions lock the user like five wrong passwords")
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");
    }

    @Test
    void aReplayedAssertionAndACounterGoingBackAreRefused() throws Exception {
        String sub = createUser("dan", true);
        SoftwareAuthenticator passkey = register(passwordAuth(clientId, "dan", PASSWORD).authenticationResult().accessToken());

        InitiateAuthResponse first = initiate("dan");
        ObjectNode used = passkey.assertion(requestOptions(first), null);
        assertThat(answer("dan", first.session(), used).authenticationResult()).isNotNull();
        assertThatThrownBy(() -> answer("dan", first.session(), used)).as("the session is single use")
                .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("session");
        InitiateAuthResponse second = initiate("dan");
        assertThatThrownBy(() -> answer("dan", second.session(), used)).as("the assertion signed another challenge")
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");

        // a clone: the same key, its counter behind the one last seen
        InitiateAuthResponse third = initiate("dan");
        ObjectNode cloned = passkey.assertionAt(requestOptions(third).path("challenge").asText(), passkey.counter, SoftwareAuthenticator.userHandle(sub));
        assertThatThrownBy(() -> answer("dan", third.session(), cloned)).isInstanceOf(NotAuthorizedException.class);

        InitiateAuthResponse fourth = initiate("dan");
        assertThat(answer("dan", fourth.session(), passkey.assertion(requestOptions(fourth), null)).authenticationResult())
                .as("the genuine authenticator, counter ahead, still signs in").isNotNull();
    }

    @Test
    void anotherUsersPasskeyADeletedOneAndAnotherOriginAreRefused() throws Exception {
        createUser("eli", true);
        String eliToken = passwordAuth(clientId, "eli", PASSWORD).authenticationResult().accessToken();
        SoftwareAuthenticator elis = register(eliToken);
        createUser("fin", true);
        SoftwareAuthenticator fins = register(passwordAuth(clientId, "fin", PASSWORD).authenticationResult().accessToken());

        InitiateAuthResponse challenge = initiate("eli");
        ObjectNode notHers = fins.assertion(requestOptions(challenge), null);
        assertThatThrownBy(() -> answer("eli", challenge.session(), notHers)).isInstanceOf(NotAuthorizedException.class);

        InitiateAuthResponse phished = initiate("eli");
        elis.origin = "https://example.com.evil.test";
        ObjectNode elsewhere = elis.assertion(requestOptions(phished), null);
        assertThatThrownBy(() -> answer("eli", phished.session(), elsewhere)).isInstanceOf(NotAuthorizedException.class);
        elis.origin = ORIGIN;

        InitiateAuthResponse beforeDeletion = initiate("eli");
        JsonNode options = requestOptions(beforeDeletion);
        anonymous.deleteWebAuthnCredential(r -> r.accessToken(eliToken).credentialId(elis.credentialId()));
        ObjectNode deleted = elis.assertion(options, null);
        assertThatThrownBy(() -> answer("eli", beforeDeletion.session(), deleted)).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void aMalformedCredentialIsInvalidParameterAndKeepsTheSession() throws Exception {
        createUser("gus", true);
        SoftwareAuthenticator passkey = register(passwordAuth(clientId, "gus", PASSWORD).authenticationResult().accessToken());
        InitiateAuthResponse challenge = initiate("gus");

        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.WEB_AUTHN)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", "gus", "CREDENTIAL", "{not json"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.WEB_AUTHN)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", "gus"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("CREDENTIAL");
        assertThat(answer("gus", challenge.session(), passkey.assertion(requestOptions(challenge), null)).authenticationResult()).isNotNull();
    }
}
