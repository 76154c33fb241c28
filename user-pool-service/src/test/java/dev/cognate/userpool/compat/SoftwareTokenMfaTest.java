package dev.cognate.userpool.compat;

import dev.cognate.userpool.MovableClock;
import dev.cognate.userpool.api.HostedUiApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthEventType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EnableSoftwareTokenMfaException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EventResponseType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SoftwareTokenMfaNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TOTP MFA through the AWS SDK for Java v2: AssociateSoftwareToken / VerifySoftwareToken with an access token and with a
 * sign-in's Session (MFA_SETUP), SetUserMFAPreference's rule, the SOFTWARE_TOKEN_MFA challenge after every password flow
 * and after a new password, codes used once only, wrong codes on the lockout counter, single-use and expiring sessions,
 * seeds sealed at rest. Codes come from the tests' own RFC 6238 implementation ({@link TotpCodes}) at the service's
 * clock, which the tests move by whole steps.
 */
@QuarkusTest
class SoftwareTokenMfaTest extends SignInFixture {

    @Inject
    MovableClock clock;

    @AfterEach
    void putTimeBack() {
        clock.reset();
    }

    private void poolMfa(UserPoolMfaType configuration) {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(configuration)
                .softwareTokenMfaConfiguration(t -> t.enabled(true)));
    }

    /** The code of the service's current step. */
    private String code(String secret) {
        return TotpCodes.at(secret, clock.instant());
    }

    /** The next 30-second step: a new code, which the last accepted one does not block. */
    private void nextStep() {
        clock.advance(Duration.ofSeconds(30));
    }

    private String signedIn(String username) {
        return passwordAuth(clientId, username, PASSWORD).authenticationResult().accessToken();
    }

    /** A signed-in user's authenticator, verified and enabled as the preferred MFA method; answers its secret. */
    private String enrol(String username) {
        String token = signedIn(username);
        String secret = anonymous.associateSoftwareToken(r -> r.accessToken(token)).secretCode();
        anonymous.verifySoftwareToken(r -> r.accessToken(token).userCode(code(secret)).friendlyDeviceName("phone"));
        anonymous.setUserMFAPreference(r -> r.accessToken(token).softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        nextStep();
        return secret;
    }

    private RespondToAuthChallengeResponse answer(InitiateAuthResponse challenge, String code) {
        return anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", challenge.challengeParameters().get("USER_ID_FOR_SRP"),
                        "SOFTWARE_TOKEN_MFA_CODE", code)));
    }

    @Test
    void theTestsAuthenticatorMatchesTheRfc6238Vectors() {
        byte[] seed = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        assertThat(TotpCodes.code(seed, 59 / 30, 8)).isEqualTo("94287082");
        assertThat(TotpCodes.code(seed, 1111111109 / 30, 8)).isEqualTo("07081804");
        assertThat(TotpCodes.code(seed, 1234567890 / 30, 8)).isEqualTo("89005924");
        assertThat(TotpCodes.code(seed, 20000000000L / 30, 8)).isEqualTo("65353130");
        assertThat(TotpCodes.at("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Instant.ofEpochSecond(1111111111))).isEqualTo("050471");
    }

    @Test
    void aSignedInUserSetsUpTotpAndThenSignsInWithItsCodes() throws Exception {
        poolMfa(UserPoolMfaType.OPTIONAL);
        String sub = createUser("tom", true);
        String token = signedIn("tom");

        AssociateSoftwareTokenResponse associated = anonymous.associateSoftwareToken(r -> r.accessToken(token));
        String secret = associated.secretCode();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(associated.session()).isNull();
        assertThat(sealedSeeds(sub)).as("the seed is stored sealed, never in clear").hasSize(1)
                .allSatisfy(sealed -> assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret));

        assertThatThrownBy(() -> anonymous.setUserMFAPreference(r -> r.accessToken(token).softwareTokenMfaSettings(s -> s.enabled(true))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("User has not set up software token mfa");
        String wrong = code(secret).equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> anonymous.verifySoftwareToken(r -> r.accessToken(token).userCode(wrong)))
                .isInstanceOf(EnableSoftwareTokenMfaException.class).hasMessageStartingWith("Code mismatch and fail enable Software Token MFA");
        assertThatThrownBy(() -> anonymous.verifySoftwareToken(r -> r.accessToken(token).userCode("12345")))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(signedIn("tom")).as("nothing is enabled before the authenticator is verified").isNotBlank();

        String first = code(secret);
        VerifySoftwareTokenResponse verified = anonymous.verifySoftwareToken(r -> r.accessToken(token).userCode(first)
                .friendlyDeviceName("Tom's phone"));
        assertThat(verified.status()).isEqualTo(VerifySoftwareTokenResponseType.SUCCESS);
        assertThat(verified.session()).isNull();
        assertThat(anonymous.getUser(r -> r.accessToken(token)).userMFASettingList()).as("verified, not yet enabled").isEmpty();
        assertThat(passwordAuth(clientId, "tom", PASSWORD).authenticationResult()).isNotNull();

        anonymous.setUserMFAPreference(r -> r.accessToken(token).softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        GetUserResponse user = anonymous.getUser(r -> r.accessToken(token));
        assertThat(user.userMFASettingList()).containsExactly("SOFTWARE_TOKEN_MFA");
        assertThat(user.preferredMfaSetting()).isEqualTo("SOFTWARE_TOKEN_MFA");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("tom")).userMFASettingList()).containsExactly("SOFTWARE_TOKEN_MFA");

        InitiateAuthResponse challenge = passwordAuth(clientId, "tom", PASSWORD);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        assertThat(challenge.authenticationResult()).isNull();
        assertThat(challenge.challengeParameters()).containsEntry("USER_ID_FOR_SRP", "tom");
        assertThatThrownBy(() -> answer(challenge, first))
                .as("the code VerifySoftwareToken used is not accepted again")
                .isInstanceOf(CodeMismatchException.class).hasMessageStartingWith("Invalid code received for user");

        nextStep();
        InitiateAuthResponse again = passwordAuth(clientId, "tom", PASSWORD);
        String second = code(secret);
        RespondToAuthChallengeResponse tokens = answer(again, second);
        assertThat(verify(tokens.authenticationResult().idToken(), clientId).getSubject()).isEqualTo(sub);
        assertThatThrownBy(() -> answer(again, second)).as("a challenge session is used once")
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user");
        InitiateAuthResponse third = passwordAuth(clientId, "tom", PASSWORD);
        assertThatThrownBy(() -> answer(third, second)).as("a replayed code")
                .isInstanceOf(CodeMismatchException.class).hasMessageStartingWith("Invalid code received for user");
        InitiateAuthResponse fourth = passwordAuth(clientId, "tom", PASSWORD);
        assertThatThrownBy(() -> answer(fourth, wrong)).as("a wrong code")
                .isInstanceOf(CodeMismatchException.class).hasMessageStartingWith("Invalid code received for user");

        List<AuthEventType> events = cognito.adminListUserAuthEvents(r -> r.userPoolId(poolId).username("tom")).authEvents();
        assertThat(events).filteredOn(event -> event.eventResponse() == EventResponseType.FAIL).hasSize(3);
        assertThat(OutboxRows.forPool(db, poolId, "reason")).extracting(OutboxRows.Row::subjectOfData)
                .contains("wrong_mfa_code", "replayed_mfa_code");
    }

    @Test
    void everyPasswordFlowAsksForTheCode() {
        poolMfa(UserPoolMfaType.OPTIONAL);
        createUser("ada", true);
        String secret = enrol("ada");

        AdminInitiateAuthResponse admin = cognito.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "ada", "PASSWORD", PASSWORD)));
        assertThat(admin.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        assertThat(cognito.adminRespondToAuthChallenge(r -> r.userPoolId(poolId).clientId(clientId)
                .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA).session(admin.session())
                .challengeResponses(Map.of("USERNAME", "ada", "SOFTWARE_TOKEN_MFA_CODE", code(secret))))
                .authenticationResult().accessToken()).isNotBlank();

        nextStep();
        SrpClient srp = new SrpClient(poolId);
        InitiateAuthResponse verifier = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "ada", "SRP_A", srp.srpA())));
        RespondToAuthChallengeResponse mfa = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER).session(verifier.session())
                .challengeResponses(answer(srp, verifier.challengeParameters(), PASSWORD)));
        assertThat(mfa.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        assertThat(anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                .session(mfa.session()).challengeResponses(Map.of("USERNAME", "ada", "SOFTWARE_TOKEN_MFA_CODE", code(secret))))
                .authenticationResult().idToken()).isNotBlank();

        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                .session(passwordAuth(clientId, "ada", PASSWORD).session()).challengeResponses(Map.of("USERNAME", "ada"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Missing required parameter SOFTWARE_TOKEN_MFA_CODE");
    }

    @Test
    void wrongCodesLockTheUserLikeWrongPasswords() {
        poolMfa(UserPoolMfaType.OPTIONAL);
        createUser("lee", true);
        String secret = enrol("lee");
        poolMfa(UserPoolMfaType.ON);

        // ten wrong codes, each after the previous lock (2^(n−5) s from the fifth) ended: the tenth locks for 32 s
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(20));
            InitiateAuthResponse challenge = passwordAuth(clientId, "lee", PASSWORD);
            assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
            String guess = "999999".equals(code(secret)) ? "888888" : "999999";
            assertThatThrownBy(() -> answer(challenge, guess)).isInstanceOf(CodeMismatchException.class);
        }
        assertThatThrownBy(() -> passwordAuth(clientId, "lee", PASSWORD)).as("locked by the wrong codes")
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");
        clock.advance(Duration.ofSeconds(40));
        assertThat(answer(passwordAuth(clientId, "lee", PASSWORD), code(secret)).authenticationResult()).isNotNull();
    }

    @Test
    void aChallengeSessionExpiresWithTheClientsAuthSessionValidity() {
        poolMfa(UserPoolMfaType.OPTIONAL);
        createUser("kim", true);
        String secret = enrol("kim");
        InitiateAuthResponse challenge = passwordAuth(clientId, "kim", PASSWORD);
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        assertThatThrownBy(() -> answer(challenge, code(secret)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user, session is expired.");
    }

    @Test
    void aPoolWithMfaOnSetsUpTotpDuringSignIn() {
        poolMfa(UserPoolMfaType.ON);
        createUser("max", true);

        InitiateAuthResponse setup = passwordAuth(clientId, "max", PASSWORD);
        assertThat(setup.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
        assertThat(setup.challengeParameters()).containsEntry("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]");
        assertThatThrownBy(() -> respondToSetup(setup.session())).as("MFA_SETUP before a verified authenticator")
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.verifySoftwareToken(r -> r.session(setup.session()).userCode("123456")))
                .as("verify before associate").isInstanceOf(SoftwareTokenMfaNotFoundException.class);

        String session1 = passwordAuth(clientId, "max", PASSWORD).session();
        AssociateSoftwareTokenResponse associated = anonymous.associateSoftwareToken(r -> r.session(session1));
        String secret = associated.secretCode();
        assertThat(associated.session()).isNotBlank().isNotEqualTo(session1);
        assertThatThrownBy(() -> anonymous.associateSoftwareToken(r -> r.session(session1))).as("the session was used")
                .isInstanceOf(NotAuthorizedException.class);

        String wrong = "000000".equals(code(secret)) ? "111111" : "000000";
        assertThatThrownBy(() -> anonymous.verifySoftwareToken(r -> r.session(associated.session()).userCode(wrong)))
                .isInstanceOf(EnableSoftwareTokenMfaException.class);
        VerifySoftwareTokenResponse verified = anonymous.verifySoftwareToken(r -> r.session(associated.session()).userCode(code(secret))
                .friendlyDeviceName("max's phone"));
        assertThat(verified.status()).isEqualTo(VerifySoftwareTokenResponseType.SUCCESS);
        assertThat(verified.session()).isNotBlank();

        RespondToAuthChallengeResponse tokens = respondToSetup(verified.session());
        assertThat(tokens.authenticationResult().accessToken()).isNotBlank();
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("max")).preferredMfaSetting()).isEqualTo("SOFTWARE_TOKEN_MFA");

        nextStep();
        InitiateAuthResponse next = passwordAuth(clientId, "max", PASSWORD);
        assertThat(next.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        assertThat(answer(next, code(secret)).authenticationResult()).isNotNull();
    }

    @Test
    void aNewPasswordComesBeforeTheMfaStep() {
        poolMfa(UserPoolMfaType.ON);
        createUser("nia", false);

        InitiateAuthResponse newPassword = passwordAuth(clientId, "nia", "Temporary-Pass-1");
        assertThat(newPassword.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        RespondToAuthChallengeResponse setup = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(newPassword.session())
                .challengeResponses(Map.of("USERNAME", "nia", "NEW_PASSWORD", PASSWORD)));
        assertThat(setup.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
        assertThat(setup.authenticationResult()).isNull();
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("nia")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void theHostedLoginAsksTheCodeAndSetsAnAuthenticatorUp() {
        poolMfa(UserPoolMfaType.OPTIONAL);
        createUser("hal", true);
        String secret = enrol("hal");
        String hostedClient = HostedUiApi.hostedClient(cognito, poolId, null);

        Response challenged = HostedUiApi.post(hostedClient, "sign-in", Map.of("username", "hal", "password", PASSWORD));
        assertThat(challenged.statusCode()).as(challenged.asString()).isEqualTo(200);
        assertThat(challenged.jsonPath().getString("challengeName")).isEqualTo("SOFTWARE_TOKEN_MFA");
        String session = challenged.jsonPath().getString("session");
        assertThatThrownBy(() -> anonymous.respondToAuthChallenge(r -> r.clientId(hostedClient).challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                .session(session).challengeResponses(Map.of("USERNAME", "hal", "SOFTWARE_TOKEN_MFA_CODE", code(secret)))))
                .as("a hosted session is not the API's").isInstanceOf(NotAuthorizedException.class);

        Response again = HostedUiApi.post(hostedClient, "sign-in", Map.of("username", "hal", "password", PASSWORD));
        Response signedIn = HostedUiApi.post(hostedClient, "respond-to-challenge", Map.of("challengeName", "SOFTWARE_TOKEN_MFA",
                "session", again.jsonPath().getString("session"), "responses", Map.of("USERNAME", "hal", "SOFTWARE_TOKEN_MFA_CODE", code(secret))));
        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("signedIn.username")).isEqualTo("hal");

        createUser("hank", true);
        poolMfa(UserPoolMfaType.ON);
        Response setup = HostedUiApi.post(hostedClient, "sign-in", Map.of("username", "hank", "password", PASSWORD));
        assertThat(setup.statusCode()).as(setup.asString()).isEqualTo(200);
        assertThat(setup.jsonPath().getString("challengeName")).isEqualTo("MFA_SETUP");
        assertThat(setup.jsonPath().getString("parameters.MFAS_CAN_SETUP")).isEqualTo("[\"SOFTWARE_TOKEN_MFA\"]");
        String apiSide = setup.jsonPath().getString("session");
        assertThatThrownBy(() -> anonymous.associateSoftwareToken(r -> r.session(apiSide)))
                .as("the API does not continue a hosted set-up").isInstanceOf(NotAuthorizedException.class);

        InitiateAuthResponse apiSetup = passwordAuth(clientId, "hank", PASSWORD);
        assertThat(apiSetup.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
        HostedUiApi.assertError(HostedUiApi.post(hostedClient, "associate-software-token", Map.of("session", apiSetup.session())),
                400, "NotAuthorizedException", "Invalid session for the user, session is expired.");
        String otherHostedClient = HostedUiApi.hostedClient(cognito, poolId, null);
        Response elsewhere = HostedUiApi.post(otherHostedClient, "sign-in", Map.of("username", "hank", "password", PASSWORD));
        HostedUiApi.assertError(HostedUiApi.post(hostedClient, "associate-software-token",
                        Map.of("session", elsewhere.jsonPath().getString("session"))),
                400, "NotAuthorizedException", "Invalid session for the user, session is expired.");

        Response hosted = HostedUiApi.post(hostedClient, "sign-in", Map.of("username", "hank", "password", PASSWORD));
        Response associated = HostedUiApi.post(hostedClient, "associate-software-token", Map.of("session", hosted.jsonPath().getString("session")));
        assertThat(associated.statusCode()).as(associated.asString()).isEqualTo(200);
        String hankSecret = associated.jsonPath().getString("secretCode");
        assertThat(hankSecret).matches("[A-Z2-7]{32}");
        String afterAssociate = associated.jsonPath().getString("session");
        HostedUiApi.assertRefused(HostedUiApi.post(hostedClient, "verify-software-token", Map.of("session", afterAssociate, "userCode", "12345")),
                "InvalidParameterException");
        String wrong = code(hankSecret).equals("000000") ? "111111" : "000000";
        HostedUiApi.assertError(HostedUiApi.post(hostedClient, "verify-software-token", Map.of("session", afterAssociate, "userCode", wrong)),
                400, "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
        Response verified = HostedUiApi.post(hostedClient, "verify-software-token", Map.of("session", afterAssociate,
                "userCode", code(hankSecret), "friendlyDeviceName", "hank's phone"));
        assertThat(verified.statusCode()).as("the session stays after a mistyped code: %s", verified.asString()).isEqualTo(200);
        assertThat(verified.jsonPath().getString("status")).isEqualTo("SUCCESS");
        Response done = HostedUiApi.post(hostedClient, "respond-to-challenge", Map.of("challengeName", "MFA_SETUP",
                "session", verified.jsonPath().getString("session"), "responses", Map.of("USERNAME", "hank")));
        assertThat(done.statusCode()).as(done.asString()).isEqualTo(200);
        assertThat(done.jsonPath().getString("signedIn.username")).isEqualTo("hank");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("hank")).preferredMfaSetting()).isEqualTo("SOFTWARE_TOKEN_MFA");
    }

    @Test
    void badRequestsAreRefusedWithCognitosErrors() {
        assertThatThrownBy(() -> anonymous.associateSoftwareToken(r -> r.accessToken("not-a-token")))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> anonymous.associateSoftwareToken(r -> r.session("x".repeat(40))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user");
        assertThatThrownBy(() -> anonymous.associateSoftwareToken(r -> r.session("short")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.associateSoftwareToken(r -> { }))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.verifySoftwareToken(r -> r.session("x".repeat(40))))
                .isInstanceOf(InvalidParameterException.class);
        createUser("bo", true);
        String token = signedIn("bo");
        assertThatThrownBy(() -> anonymous.verifySoftwareToken(r -> r.accessToken(token).userCode("123456")))
                .as("nothing associated").isInstanceOf(SoftwareTokenMfaNotFoundException.class);
        InitiateAuthResponse notSetup = passwordAuth(clientId, "bo", PASSWORD);
        assertThat(notSetup.authenticationResult()).isNotNull();
    }

    private RespondToAuthChallengeResponse respondToSetup(String session) {
        return anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.MFA_SETUP).session(session)
                .challengeResponses(Map.of("USERNAME", "max")));
    }

    private List<byte[]> sealedSeeds(String sub) {
        return db.preparedQuery("SELECT pending_seed FROM software_tokens WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.of(poolId, UUID.fromString(sub))).await().indefinitely()
                .stream().map(row -> row.getBuffer(0).getBytes()).toList();
    }
}
