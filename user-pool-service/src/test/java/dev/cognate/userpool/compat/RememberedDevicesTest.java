package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.internalapi.TriggerInvocation.Result;
import dev.cognate.testkit.ScriptRun;
import dev.cognate.userpool.MovableClock;
import dev.cognate.userpool.trigger.TriggerRunnerStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeviceRememberedStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeviceType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListDevicesResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Remembered devices, through the AWS SDK for Java v2 and amazon-cognito-identity-js unchanged: NewDeviceMetadata and
 * {@code device_key}, ConfirmDevice with the device's SRP verifier (computed here as the JS library computes it),
 * DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER in place of TOTP MFA, the device actions and their Admin forms, refresh with
 * DEVICE_KEY, and Cognito's errors (unknown device, another user's device, a wrong DEVICE_KEY on refresh).
 */
@QuarkusTest
@ExtendWith(TriggerRunnerStandIn.Running.class)
class RememberedDevicesTest extends SignInFixture {

    private static final Path SCRIPT_DIR = Path.of("src/test/node");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MovableClock clock;

    @BeforeEach
    void trackDevices() {
        cognito.updateUserPool(r -> r.userPoolId(poolId)
                .deviceConfiguration(d -> d.challengeRequiredOnNewDevice(true).deviceOnlyRememberedOnUserPrompt(false)));
    }

    @AfterEach
    void putTimeBack() {
        clock.reset();
    }

    /** A device as amazon-cognito-identity-js keeps it: its keys and the random password behind its verifier. */
    record DeviceSecret(String deviceKey, String groupKey, String password) {

        /** generateHashDevice: salt, x = H(padHex(salt) | H(groupKey | deviceKey | ":" | password)), v = g^x mod N; Base64 bytes. */
        Map<String, String> verifierConfig() {
            BigInteger salt = new BigInteger(1, bytes(16));
            String inner = SrpClient.hash((groupKey + deviceKey + ":" + password).getBytes(StandardCharsets.UTF_8));
            BigInteger x = new BigInteger(SrpClient.hexHash(SrpClient.padHex(salt) + inner), 16);
            BigInteger v = SrpClient.G.modPow(x, SrpClient.N);
            return Map.of("PasswordVerifier", Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(SrpClient.padHex(v))),
                    "Salt", Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(SrpClient.padHex(salt))));
        }

        /** The device SRP's client: the group key in the place of the pool name (SrpClient takes the part after '_'). */
        SrpClient srp() {
            return new SrpClient("device_" + groupKey);
        }
    }

    private static byte[] bytes(int size) {
        byte[] value = new byte[size];
        RANDOM.nextBytes(value);
        return value;
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** Confirms the device {@code result} issued (the access token's sign-in), as the JS library does after a sign-in. */
    private DeviceSecret confirm(AuthenticationResultType result) {
        DeviceSecret device = new DeviceSecret(result.newDeviceMetadata().deviceKey(), result.newDeviceMetadata().deviceGroupKey(),
                Base64.getEncoder().encodeToString(bytes(40)));
        Map<String, String> config = device.verifierConfig();
        boolean necessary = anonymous.confirmDevice(r -> r.accessToken(result.accessToken()).deviceKey(device.deviceKey()).deviceName("laptop")
                .deviceSecretVerifierConfig(v -> v.passwordVerifier(config.get("PasswordVerifier")).salt(config.get("Salt"))))
                .userConfirmationNecessary();
        assertThat(necessary).isFalse();
        return device;
    }

    private InitiateAuthResponse signIn(String username, String deviceKey) {
        Map<String, String> parameters = new HashMap<>(Map.of("USERNAME", username, "PASSWORD", PASSWORD));
        if (deviceKey != null) {
            parameters.put("DEVICE_KEY", deviceKey);
        }
        return anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH).authParameters(parameters));
    }

    /** DEVICE_SRP_AUTH then DEVICE_PASSWORD_VERIFIER, answered for {@code device} with {@code password} (its own, or a wrong one). */
    private RespondToAuthChallengeResponse deviceSrp(String username, String session, DeviceSecret device, String password) {
        SrpClient srp = device.srp();
        RespondToAuthChallengeResponse verifier = anonymous.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.DEVICE_SRP_AUTH).session(session)
                .challengeResponses(Map.of("USERNAME", username, "DEVICE_KEY", device.deviceKey(), "SRP_A", srp.srpA())));
        assertThat(verifier.challengeName()).isEqualTo(ChallengeNameType.DEVICE_PASSWORD_VERIFIER);
        Map<String, String> parameters = verifier.challengeParameters();
        assertThat(parameters).containsEntry("DEVICE_KEY", device.deviceKey()).containsKeys("SRP_B", "SALT", "SECRET_BLOCK");
        byte[] key = srp.passwordAuthenticationKey(device.deviceKey(), password, new BigInteger(parameters.get("SRP_B"), 16),
                new BigInteger(parameters.get("SALT"), 16));
        String timestamp = SrpClient.now();
        return anonymous.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.DEVICE_PASSWORD_VERIFIER)
                .session(verifier.session()).challengeResponses(Map.of("USERNAME", username, "DEVICE_KEY", device.deviceKey(),
                        "PASSWORD_CLAIM_SECRET_BLOCK", parameters.get("SECRET_BLOCK"), "TIMESTAMP", timestamp,
                        "PASSWORD_CLAIM_SIGNATURE", srp.signature(key, device.deviceKey(), parameters.get("SECRET_BLOCK"), timestamp))));
    }

    /** A verified, preferred authenticator for the signed-in user (MFA OPTIONAL then asks for its code at sign-in). */
    private void enrolTotp(String accessToken) {
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .softwareTokenMfaConfiguration(t -> t.enabled(true)));
        String secret = anonymous.associateSoftwareToken(r -> r.accessToken(accessToken)).secretCode();
        anonymous.verifySoftwareToken(r -> r.accessToken(accessToken).userCode(TotpCodes.at(secret, clock.instant())).friendlyDeviceName("phone"));
        anonymous.setUserMFAPreference(r -> r.accessToken(accessToken).softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
    }

    private static String status(DeviceType device) {
        return device.deviceAttributes().stream().filter(a -> a.name().equals("dev:device_remembered_status")).findFirst().orElseThrow().value();
    }

    @Test
    void aSignInOnANewDeviceGetsItsKeysAndConfirmDeviceRemembersIt() throws Exception {
        createUser("ana", true);
        AuthenticationResultType result = signIn("ana", null).authenticationResult();
        String deviceKey = result.newDeviceMetadata().deviceKey();
        assertThat(deviceKey).matches("us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(result.newDeviceMetadata().deviceGroupKey()).matches("-[A-Za-z0-9]{9}");
        JsonNode access = claims(result.accessToken());
        assertThat(access.path("device_key").asText()).isEqualTo(deviceKey);
        assertThat(access.fieldNames().next()).isEqualTo("sub");
        assertThat(claims(result.idToken()).has("device_key")).as("only the access token names the device").isFalse();
        assertThat(anonymous.listDevices(r -> r.accessToken(result.accessToken())).devices()).as("not confirmed: no device yet").isEmpty();

        confirm(result);
        DeviceType device = cognito.adminGetDevice(r -> r.userPoolId(poolId).username("ana").deviceKey(deviceKey)).device();
        assertThat(device.deviceKey()).isEqualTo(deviceKey);
        assertThat(device.deviceAttributes().stream().collect(Collectors.toMap(a -> a.name(), a -> a.value())))
                .containsEntry("device_status", "valid").containsEntry("device_name", "laptop")
                .containsEntry("dev:device_remembered_status", "remembered");
        assertThat(device.deviceCreateDate()).isNotNull();
        assertThat(anonymous.getDevice(r -> r.accessToken(result.accessToken()).deviceKey(deviceKey)).device().deviceKey()).isEqualTo(deviceKey);

        // a sign-in naming the confirmed device gets no new one, and its access token names it; last sign-in recorded
        clock.advance(Duration.ofMinutes(1));
        AuthenticationResultType again = signIn("ana", deviceKey).authenticationResult();
        assertThat(again.newDeviceMetadata()).isNull();
        assertThat(claims(again.accessToken()).path("device_key").asText()).isEqualTo(deviceKey);
        DeviceType after = cognito.adminListDevices(r -> r.userPoolId(poolId).username("ana")).devices().get(0);
        assertThat(after.deviceLastAuthenticatedDate()).isAfter(device.deviceLastAuthenticatedDate());
        assertThat(after.deviceAttributes()).anyMatch(a -> a.name().equals("last_ip_used"));
    }

    @Test
    void aPoolWithoutDeviceConfigurationIssuesNoDevice() throws Exception {
        cognito.updateUserPool(r -> r.userPoolId(poolId));
        createUser("bo", true);
        AuthenticationResultType result = signIn("bo", null).authenticationResult();
        assertThat(result.newDeviceMetadata()).isNull();
        assertThat(claims(result.accessToken()).has("device_key")).isFalse();
        assertThatThrownBy(() -> anonymous.confirmDevice(r -> r.accessToken(result.accessToken()).deviceKey("us-east-1_" + java.util.UUID.randomUUID())
                .deviceSecretVerifierConfig(v -> v.passwordVerifier("AQ==").salt("AQ=="))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("Device does not exist.");
    }

    @Test
    void aRememberedDeviceStandsInForTotpUntilItIsForgotten() throws Exception {
        createUser("cy", true);
        AuthenticationResultType first = signIn("cy", null).authenticationResult();
        DeviceSecret device = confirm(first);
        enrolTotp(first.accessToken());
        clock.advance(Duration.ofSeconds(30));

        // the remembered device: DEVICE_SRP_AUTH in place of SOFTWARE_TOKEN_MFA, then tokens naming it
        InitiateAuthResponse challenge = signIn("cy", device.deviceKey());
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.DEVICE_SRP_AUTH);
        AuthenticationResultType byDevice = deviceSrp("cy", challenge.session(), device, device.password()).authenticationResult();
        assertThat(byDevice.newDeviceMetadata()).isNull();
        assertThat(claims(byDevice.accessToken()).path("device_key").asText()).isEqualTo(device.deviceKey());

        // a wrong device secret is a wrong password
        InitiateAuthResponse wrong = signIn("cy", device.deviceKey());
        assertThatThrownBy(() -> deviceSrp("cy", wrong.session(), device, "not-the-device-password"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");

        // an unknown device, and a device no longer remembered, leave the MFA step as it was
        assertThat(signIn("cy", "us-east-1_" + java.util.UUID.randomUUID()).challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        cognito.adminUpdateDeviceStatus(r -> r.userPoolId(poolId).username("cy").deviceKey(device.deviceKey())
                .deviceRememberedStatus(DeviceRememberedStatusType.NOT_REMEMBERED));
        assertThat(status(cognito.adminGetDevice(r -> r.userPoolId(poolId).username("cy").deviceKey(device.deviceKey())).device()))
                .isEqualTo("not_remembered");
        assertThat(signIn("cy", device.deviceKey()).challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        anonymous.updateDeviceStatus(r -> r.accessToken(byDevice.accessToken()).deviceKey(device.deviceKey())
                .deviceRememberedStatus(DeviceRememberedStatusType.REMEMBERED));
        assertThat(signIn("cy", device.deviceKey()).challengeName()).isEqualTo(ChallengeNameType.DEVICE_SRP_AUTH);

        // forgotten: MFA again, and the refresh tokens of its sign-ins are revoked
        cognito.adminForgetDevice(r -> r.userPoolId(poolId).username("cy").deviceKey(device.deviceKey()));
        assertThat(signIn("cy", device.deviceKey()).challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", byDevice.refreshToken(), "DEVICE_KEY", device.deviceKey()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        assertThatThrownBy(() -> cognito.adminGetDevice(r -> r.userPoolId(poolId).username("cy").deviceKey(device.deviceKey())))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("Device does not exist.");
    }

    @Test
    void aRememberedDevicesSignInRunsPreTokenGenerationAsAuthenticateDevice() throws Exception {
        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.preTokenGeneration("https://functions.example.com/tokens"))
                .deviceConfiguration(d -> d.challengeRequiredOnNewDevice(true)));
        TriggerRunnerStandIn.answerWith(Result::answered);
        createUser("hal", true);
        AuthenticationResultType first = signIn("hal", null).authenticationResult();
        DeviceSecret device = confirm(first);
        enrolTotp(first.accessToken());
        clock.advance(Duration.ofSeconds(30));
        InitiateAuthResponse challenge = signIn("hal", device.deviceKey());
        AuthenticationResultType byDevice = deviceSrp("hal", challenge.session(), device, device.password()).authenticationResult();

        List<String> sources = TriggerRunnerStandIn.calls().stream().map(call -> call.event().path("triggerSource").asText()).toList();
        assertThat(sources).containsExactly("TokenGeneration_Authentication", "TokenGeneration_AuthenticateDevice");
        assertThat(claims(byDevice.accessToken()).path("device_key").asText()).isEqualTo(device.deviceKey());
    }

    @Test
    void aRefreshKeepsTheDeviceAndRefusesAnotherDeviceKey() throws Exception {
        createUser("di", true);
        AuthenticationResultType result = signIn("di", null).authenticationResult();
        String deviceKey = confirm(result).deviceKey();
        AuthenticationResultType refreshed = anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", result.refreshToken(), "DEVICE_KEY", deviceKey))).authenticationResult();
        assertThat(claims(refreshed.accessToken()).path("device_key").asText()).isEqualTo(deviceKey);
        assertThat(refreshed.newDeviceMetadata()).isNull();
        assertThatThrownBy(() -> anonymous.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", result.refreshToken(), "DEVICE_KEY", "us-east-1_" + java.util.UUID.randomUUID()))))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Refresh Token");
        // GetTokensFromRefreshToken's DeviceKey is the same check
        assertThat(claims(anonymous.getTokensFromRefreshToken(r -> r.clientId(clientId).refreshToken(result.refreshToken()).deviceKey(deviceKey))
                .authenticationResult().accessToken()).path("device_key").asText()).isEqualTo(deviceKey);
        assertThatThrownBy(() -> anonymous.getTokensFromRefreshToken(r -> r.clientId(clientId).refreshToken(result.refreshToken())
                .deviceKey("us-east-1_" + java.util.UUID.randomUUID())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Refresh Token");
    }

    /** The PostAuthentication events the pool's sign-ins committed to the outbox (durable triggers), oldest first. */
    private List<JsonNode> postAuthenticationEvents() {
        List<JsonNode> events = new java.util.ArrayList<>();
        db.preparedQuery("SELECT payload FROM outbox WHERE topic = 'cognate.userpool.events' AND payload::jsonb->>'source' = $1"
                        + " AND payload::jsonb->>'type' = $2 ORDER BY id")
                .execute(Tuple.of("/userpools/" + poolId, dev.cognate.events.UserPoolEvents.POST_TRIGGER_REQUESTED.name())).await().indefinitely()
                .forEach(row -> {
                    try {
                        events.add(JSON.readTree(row.getValue(0).toString()).path("data").path("event"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        return events;
    }

    @Test
    void postAuthenticationSaysWhetherTheSignInUsedANewDevice() {
        cognito.updateUserPool(r -> r.userPoolId(poolId).lambdaConfig(l -> l.postAuthentication("https://functions.example.com/post-authentication"))
                .deviceConfiguration(d -> d.challengeRequiredOnNewDevice(true)));
        createUser("gus", true);
        String deviceKey = confirm(signIn("gus", null).authenticationResult()).deviceKey();
        signIn("gus", deviceKey);
        List<JsonNode> events = postAuthenticationEvents();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("triggerSource").asText()).isEqualTo("PostAuthentication_Authentication");
        assertThat(events.get(0).path("request").path("newDeviceUsed").isBoolean()).isTrue();
        assertThat(events.get(0).path("request").path("newDeviceUsed").asBoolean()).as("a new device").isTrue();
        assertThat(events.get(1).path("request").path("newDeviceUsed").asBoolean()).as("the confirmed device").isFalse();
    }

    @Test
    void devicesAreTheirUsersOwnAndBadInputIsRefused() {
        createUser("ed", true);
        createUser("flo", true);
        AuthenticationResultType ed = signIn("ed", null).authenticationResult();
        String edDevice = confirm(ed).deviceKey();
        AuthenticationResultType flo = signIn("flo", null).authenticationResult();
        confirm(flo);
        String floSecond = confirm(signIn("flo", null).authenticationResult()).deviceKey();

        // another user's device is no device of this one
        assertThatThrownBy(() -> anonymous.getDevice(r -> r.accessToken(flo.accessToken()).deviceKey(edDevice)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("Device does not exist.");
        assertThatThrownBy(() -> anonymous.forgetDevice(r -> r.accessToken(flo.accessToken()).deviceKey(edDevice)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("Device does not exist.");
        assertThatThrownBy(() -> cognito.adminUpdateDeviceStatus(r -> r.userPoolId(poolId).username("flo").deviceKey(edDevice)
                .deviceRememberedStatus(DeviceRememberedStatusType.NOT_REMEMBERED)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("Device does not exist.");
        // ConfirmDevice only for the device the access token's sign-in was issued
        assertThatThrownBy(() -> anonymous.confirmDevice(r -> r.accessToken(flo.accessToken()).deviceKey(edDevice)
                .deviceSecretVerifierConfig(v -> v.passwordVerifier("AQ==").salt("AQ=="))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("Device does not exist.");
        assertThat(status(cognito.adminGetDevice(r -> r.userPoolId(poolId).username("ed").deviceKey(edDevice)).device())).isEqualTo("remembered");

        // pages of one, in key order, then the end
        ListDevicesResponse page = anonymous.listDevices(r -> r.accessToken(flo.accessToken()).limit(1));
        assertThat(page.devices()).hasSize(1);
        assertThat(page.paginationToken()).isNotNull();
        ListDevicesResponse next = anonymous.listDevices(r -> r.accessToken(flo.accessToken()).limit(1).paginationToken(page.paginationToken()));
        assertThat(next.devices()).hasSize(1);
        assertThat(next.paginationToken()).isNull();
        assertThat(List.of(page.devices().get(0).deviceKey(), next.devices().get(0).deviceKey())).contains(floSecond).isSorted();
        assertThat(cognito.adminListDevices(r -> r.userPoolId(poolId).username("flo").limit(60)).devices()).hasSize(2);

        assertThatThrownBy(() -> anonymous.listDevices(r -> r.accessToken(flo.accessToken()).paginationToken("not-a-token")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.listDevices(r -> r.accessToken(flo.accessToken()).limit(61)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.updateDeviceStatus(r -> r.accessToken(flo.accessToken()).deviceKey(floSecond)
                .deviceRememberedStatus("forgotten"))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.getDevice(r -> r.accessToken(flo.accessToken()).deviceKey("no key")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> anonymous.confirmDevice(r -> r.accessToken(ed.accessToken()).deviceKey(edDevice)
                .deviceSecretVerifierConfig(v -> v.passwordVerifier("%%%").salt("AQ=="))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> cognito.adminListDevices(r -> r.userPoolId(poolId).username("nobody")))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");
        assertThatThrownBy(() -> anonymous.getDevice(r -> r.accessToken("not.a.token").deviceKey(edDevice)))
                .isInstanceOf(NotAuthorizedException.class);

        // devices go with their user
        cognito.adminDeleteUser(r -> r.userPoolId(poolId).username("ed"));
        assertThat(db.preparedQuery("SELECT count(*) FROM devices WHERE user_pool_id = $1 AND device_key = $2")
                .execute(Tuple.of(poolId, edDevice)).await().indefinitely().iterator().next().getLong(0)).isZero();
    }

    @Test
    void amazonCognitoIdentityJsRemembersADeviceAndSkipsMfaWithIt() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/amazon-cognito-identity-js")) && ScriptRun.works("node", "--version"),
                "node and src/test/node/node_modules are needed (CI runs npm ci there)");
        cognito.updateUserPool(r -> r.userPoolId(poolId)
                .deviceConfiguration(d -> d.challengeRequiredOnNewDevice(true).deviceOnlyRememberedOnUserPrompt(true)));
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(t -> t.enabled(true)));
        String jsClient = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("jsdevice").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("jsdevice").password("Js-Passw0rd!").permanent(true));

        ScriptRun node = ScriptRun.run(SCRIPT_DIR, Duration.ofMinutes(2), List.of("node", "remembered_devices_with_amazon_cognito_identity_js.mjs",
                endpoint.toString().replaceAll("/$", ""), poolId, jsClient, "jsdevice", "Js-Passw0rd!"));
        assertThat(node.succeeded()).as("node (finished in 2 minutes: %s, exit %s) output:%n%s", node.finished(), node.exitCode(),
                node.output()).isTrue();
        assertThat(node.output()).contains("all checks passed");
        assertThat(cognito.adminListDevices(r -> r.userPoolId(poolId).username("jsdevice")).devices()).as("forgotten at the end").isEmpty();
    }
}
