package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import dev.cognate.userpool.CognitoIdpClients;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CustomEmailSender and CustomSMSSender as an app and an operator use them, with the AWS SDK for Java v2: the message is
 * not rendered or sealed for Cognate's delivery but handed to the pool's function, in the Cognito event written to the
 * outbox with the code encrypted (compact JWE, RSA-OAEP-256 + A256GCM) to the installation's public key
 * ({@code src/test/resources/custom-sender/public.pem}); the test decrypts it with the private key, as the function
 * does, and uses it. trigger-runner's side (the POST to the function) is {@code CustomSenderDeliveryTest} there.
 */
@QuarkusTest
@TestProfile(CustomSenderTriggerTest.WithCustomSenderKey.class)
class CustomSenderTriggerTest extends CognitoIdpTest {

    public static class WithCustomSenderKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognate.triggers.custom-sender.public-key", resource("custom-sender/public.pem"));
        }
    }

    static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String EMAIL_SENDER = "https://functions.example.com/custom-email-sender";
    static final String SMS_SENDER = "arn:aws:lambda:us-east-1:123456789012:function:custom-sms-sender";
    private static final String PASSWORD = "Custom-Sender#9";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool db;

    private CognitoIdentityProviderClient app;

    @BeforeEach
    void anonymousApp() {
        app = CognitoIdpClients.anonymous(endpoint);
    }

    @AfterEach
    void closeApp() {
        app.close();
    }

    @Test
    void signUpAndResendCodesGoEncryptedToTheCustomEmailSenderAndConfirmTheUser() throws Exception {
        String poolId = pool(l -> l.customEmailSender(s -> s.lambdaVersion("V1_0").lambdaArn(EMAIL_SENDER)).kmsKeyID(KMS_KEY));
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")).userPoolClient().clientId();

        var signedUp = app.signUp(r -> r.clientId(clientId).username("alice").password(PASSWORD)
                .clientMetadata(Map.of("campaign", "winter"))
                .userAttributes(attribute("email", "alice@example.com"), attribute("given_name", "Alice")));
        assertThat(signedUp.codeDeliveryDetails().deliveryMediumAsString()).isEqualTo("EMAIL");
        assertThat(signedUp.codeDeliveryDetails().destination()).isEqualTo("a***@e***");

        JsonNode first = onlyMessage(poolId, 0);
        JsonNode event = assertHandedToSender(first, "CustomEmailSender", EMAIL_SENDER, "EMAIL", "alice@example.com");
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomEmailSender_SignUp");
        assertThat(event.path("version").asText()).isEqualTo("1");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("userPoolId").asText()).isEqualTo(poolId);
        assertThat(event.path("userName").asText()).isEqualTo("alice");
        assertThat(event.path("callerContext").path("awsSdkVersion").isTextual()).isTrue();
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        assertThat(event.has("response")).as("an asynchronous trigger: no response to fill in").isFalse();
        JsonNode request = event.path("request");
        assertThat(request.path("type").asText()).isEqualTo("customEmailSenderRequestV1");
        assertThat(request.path("clientMetadata")).isEqualTo(JSON.readTree("{\"campaign\": \"winter\"}"));
        assertThat(request.path("userAttributes").path("email").asText()).isEqualTo("alice@example.com");
        assertThat(request.path("userAttributes").path("given_name").asText()).isEqualTo("Alice");
        assertThat(request.path("userAttributes").path("sub").asText()).isEqualTo(signedUp.userSub());
        assertThat(request.path("userAttributes").path("cognito:user_status").asText()).isEqualTo("UNCONFIRMED");
        String signUpCode = decrypt(request.path("code").asText());
        assertThat(signUpCode).matches("[0-9]{6}");
        assertThat(Mailbox.rawMessages(db, poolId).get(0)).as("the code never rests in clear in the outbox").doesNotContain(signUpCode);

        app.resendConfirmationCode(r -> r.clientId(clientId).username("alice"));
        JsonNode resent = assertHandedToSender(onlyMessage(poolId, 1), "CustomEmailSender", EMAIL_SENDER, "EMAIL", "alice@example.com");
        assertThat(resent.path("triggerSource").asText()).isEqualTo("CustomEmailSender_ResendCode");
        assertThat(resent.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        assertThat(resent.path("request").path("clientMetadata")).as("ResendConfirmationCode's is not passed yet").isEmpty();
        String resentCode = decrypt(resent.path("request").path("code").asText());

        if (!resentCode.equals(signUpCode)) {
            assertThatThrownBy(() -> app.confirmSignUp(r -> r.clientId(clientId).username("alice").confirmationCode(signUpCode)))
                    .as("the resent code replaced the first").isInstanceOf(CodeMismatchException.class);
        }
        app.confirmSignUp(r -> r.clientId(clientId).username("alice").confirmationCode(resentCode));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("alice")).userStatus()).isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void forgotPasswordAndAttributeUpdateCodesGoToTheCustomEmailSenderAndWork() throws Exception {
        String poolId = pool(l -> l.customEmailSender(s -> s.lambdaVersion("V1_0").lambdaArn(EMAIL_SENDER)).kmsKeyID(KMS_KEY));
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("bob").messageAction("SUPPRESS")
                .userAttributes(attribute("email", "bob@example.com"), attribute("email_verified", "true")));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username("bob").password(PASSWORD).permanent(true));

        app.forgotPassword(r -> r.clientId(clientId).username("bob"));

        JsonNode event = assertHandedToSender(onlyMessage(poolId, 0), "CustomEmailSender", EMAIL_SENDER, "EMAIL", "bob@example.com");
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomEmailSender_ForgotPassword");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        String code = decrypt(event.path("request").path("code").asText());
        app.confirmForgotPassword(r -> r.clientId(clientId).username("bob").confirmationCode(code).password("New-Custom#Pass2"));
        InitiateAuthResponse signedIn = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "bob", "PASSWORD", "New-Custom#Pass2")));
        String accessToken = signedIn.authenticationResult().accessToken();

        app.updateUserAttributes(r -> r.accessToken(accessToken).userAttributes(attribute("email", "robert@example.com")));
        JsonNode update = assertHandedToSender(onlyMessage(poolId, 1), "CustomEmailSender", EMAIL_SENDER, "EMAIL", "robert@example.com");
        assertThat(update.path("triggerSource").asText()).isEqualTo("CustomEmailSender_UpdateUserAttribute");
        String updateCode = decrypt(update.path("request").path("code").asText());
        app.verifyUserAttribute(r -> r.accessToken(accessToken).attributeName("email").code(updateCode));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("bob")).userAttributes())
                .contains(attribute("email", "robert@example.com"), attribute("email_verified", "true"));
    }

    @Test
    void adminCreateUserSendsTheTemporaryPasswordToTheCustomSmsSenderAndTheEmailAsUsual() throws Exception {
        String poolId = pool(l -> l.customSMSSender(s -> s.lambdaVersion("V1_0").lambdaArn(SMS_SENDER)).kmsKeyID(KMS_KEY));
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();

        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("carol").clientMetadata(Map.of("source", "back-office"))
                .desiredDeliveryMediums(DeliveryMediumType.SMS, DeliveryMediumType.EMAIL)
                .userAttributes(attribute("phone_number", "+15550101234"), attribute("email", "carol@example.com")));

        List<JsonNode> messages = messages(poolId);
        assertThat(messages).hasSize(2);
        JsonNode sms = messages.stream().filter(message -> message.path("data").path("medium").asText().equals("SMS")).findFirst().orElseThrow();
        JsonNode email = messages.stream().filter(message -> message.path("data").path("medium").asText().equals("EMAIL")).findFirst().orElseThrow();
        JsonNode event = assertHandedToSender(sms, "CustomSMSSender", SMS_SENDER, "SMS", "+15550101234");
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomSMSSender_AdminCreateUser");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo("CLIENT_ID_NOT_APPLICABLE");
        assertThat(event.path("request").path("type").asText()).isEqualTo("customSMSSenderRequestV1");
        assertThat(event.path("request").path("clientMetadata").path("source").asText()).isEqualTo("back-office");
        assertThat(event.path("request").path("userAttributes").path("cognito:user_status").asText()).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(email.path("data").path("customSender").isNull()).as("no CustomEmailSender: Cognate mails it").isTrue();
        assertThat(email.path("data").path("sealedSecret").asText()).isNotBlank();

        String temporaryPassword = decrypt(event.path("request").path("code").asText());
        InitiateAuthResponse challenge = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "carol", "PASSWORD", temporaryPassword)));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
    }

    @Test
    void anEmailMfaSignInHandsItsCodeToTheCustomEmailSenderAsAuthentication() throws Exception {
        String poolId = pool(l -> l.customEmailSender(s -> s.lambdaVersion("V1_0").lambdaArn(EMAIL_SENDER)).kmsKeyID(KMS_KEY));
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration("OPTIONAL")
                .emailMfaConfiguration(e -> e.subject("Your sign-in code").message("Sign in with {####}")));
        String clientId = passwordClient(poolId);
        signInUser(poolId, "erin", attribute("email", "erin@example.com"), attribute("email_verified", "true"));
        cognito.adminSetUserMFAPreference(r -> r.userPoolId(poolId).username("erin").emailMfaSettings(m -> m.enabled(true).preferredMfa(true)));

        InitiateAuthResponse challenge = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .clientMetadata(Map.of("app", "mail"))
                .authParameters(Map.of("USERNAME", "erin", "PASSWORD", PASSWORD)));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.EMAIL_OTP);

        JsonNode event = assertHandedToSender(onlyMessage(poolId, 0), "CustomEmailSender", EMAIL_SENDER, "EMAIL", "erin@example.com");
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomEmailSender_Authentication");
        assertThat(event.path("userName").asText()).isEqualTo("erin");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        assertThat(event.path("request").path("type").asText()).isEqualTo("customEmailSenderRequestV1");
        assertThat(event.path("request").path("clientMetadata").path("app").asText()).isEqualTo("mail");
        assertThat(event.path("request").path("userAttributes").path("cognito:user_status").asText()).isEqualTo("CONFIRMED");
        String code = decrypt(event.path("request").path("code").asText());
        assertThat(code).matches("[0-9]{6}");
        assertThat(Mailbox.rawMessages(db, poolId).get(0)).doesNotContain(code);

        var signedIn = app.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.EMAIL_OTP).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "erin", "EMAIL_OTP_CODE", code)));
        assertThat(signedIn.authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void anSmsMfaSignInHandsItsCodeToTheCustomSmsSenderAsAuthentication() throws Exception {
        String poolId = pool(l -> l.customSMSSender(s -> s.lambdaVersion("V1_0").lambdaArn(SMS_SENDER)).kmsKeyID(KMS_KEY));
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId).mfaConfiguration("ON")
                .smsMfaConfiguration(m -> m.smsAuthenticationMessage("Your sign-in code is {####}")
                        .smsConfiguration(c -> c.snsCallerArn("arn:aws:iam::123456789012:role/cognito-sms"))));
        String clientId = passwordClient(poolId);
        signInUser(poolId, "sven", attribute("phone_number", "+15550107777"), attribute("phone_number_verified", "true"));

        InitiateAuthResponse challenge = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "sven", "PASSWORD", PASSWORD)));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SMS_MFA);

        JsonNode event = assertHandedToSender(onlyMessage(poolId, 0), "CustomSMSSender", SMS_SENDER, "SMS", "+15550107777");
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomSMSSender_Authentication");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        assertThat(event.path("request").path("type").asText()).isEqualTo("customSMSSenderRequestV1");
        assertThat(event.path("request").path("userAttributes").path("phone_number").asText()).isEqualTo("+15550107777");
        String code = decrypt(event.path("request").path("code").asText());
        assertThat(code).matches("[0-9]{6}");

        assertThatThrownBy(() -> app.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.SMS_MFA)
                .session(challenge.session()).challengeResponses(Map.of("USERNAME", "sven", "SMS_MFA_CODE", code.equals("000000") ? "000001" : "000000"))))
                .as("the decrypted code, not any code").isInstanceOf(CodeMismatchException.class);
        InitiateAuthResponse again = app.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "sven", "PASSWORD", PASSWORD)));
        String second = decrypt(assertHandedToSender(onlyMessage(poolId, 1), "CustomSMSSender", SMS_SENDER, "SMS", "+15550107777")
                .path("request").path("code").asText());
        var signedIn = app.respondToAuthChallenge(r -> r.clientId(clientId).challengeName(ChallengeNameType.SMS_MFA).session(again.session())
                .challengeResponses(Map.of("USERNAME", "sven", "SMS_MFA_CODE", second)));
        assertThat(signedIn.authenticationResult().idToken()).isNotBlank();
    }

    private String passwordClient(String poolId) {
        return cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
    }

    private void signInUser(String poolId, String username, AttributeType... attributes) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction("SUPPRESS").userAttributes(attributes));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
    }

    @Test
    void describesTheSendersAndKmsKeyIdAsStoredAndRefusesBadShapes() {
        String poolId = pool(l -> l.customEmailSender(s -> s.lambdaVersion("V1_0").lambdaArn(EMAIL_SENDER))
                .customSMSSender(s -> s.lambdaVersion("V1_0").lambdaArn(SMS_SENDER)).kmsKeyID(KMS_KEY));
        LambdaConfigType described = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().lambdaConfig();
        assertThat(described.customEmailSender().lambdaArn()).isEqualTo(EMAIL_SENDER);
        assertThat(described.customEmailSender().lambdaVersionAsString()).isEqualTo("V1_0");
        assertThat(described.customSMSSender().lambdaArn()).isEqualTo(SMS_SENDER);
        assertThat(described.kmsKeyID()).isEqualTo(KMS_KEY);

        assertThatThrownBy(() -> pool(l -> l.customEmailSender(s -> s.lambdaVersion("V1_0").lambdaArn(EMAIL_SENDER))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("KMSKeyID is required when CustomSMSSender or CustomEmailSender is set.");
        assertThatThrownBy(() -> pool(l -> l.customEmailSender(s -> s.lambdaVersion("V1_0").lambdaArn(EMAIL_SENDER))
                .kmsKeyID("alias/not-an-arn-at-all")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'lambdaConfig.kMSKeyID' failed to satisfy constraint");
        assertThatThrownBy(() -> pool(l -> l.customSMSSender(s -> s.lambdaVersion("V2_0").lambdaArn(SMS_SENDER)).kmsKeyID(KMS_KEY)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("lambdaConfig.customSMSSender.lambdaVersion");
    }

    private String pool(Consumer<LambdaConfigType.Builder> lambdaConfig) {
        return cognito.createUserPool(r -> r.poolName("custom sender " + unique()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .lambdaConfig(lambdaConfig)).userPool().id();
    }

    /**
     * The delivery request's data as the trigger-runner reads it: for the pool's sender, without a sealed secret or a
     * text, KMSKeyID passed on; returns the Cognito event.
     */
    private static JsonNode assertHandedToSender(JsonNode message, String trigger, String target, String medium, String destination) {
        JsonNode data = message.path("data");
        assertThat(data.path("medium").asText()).isEqualTo(medium);
        assertThat(data.path("destination").asText()).isEqualTo(destination);
        assertThat(data.path("sealedSecret").isNull()).as("not sealed for Cognate's delivery").isTrue();
        assertThat(data.path("message").isNull()).as("the function writes the text").isTrue();
        JsonNode sender = data.path("customSender");
        assertThat(sender.path("trigger").asText()).isEqualTo(trigger);
        assertThat(sender.path("target").asText()).isEqualTo(target);
        assertThat(sender.path("kmsKeyId").asText()).isEqualTo(KMS_KEY);
        return sender.path("event");
    }

    private JsonNode onlyMessage(String poolId, int index) throws IOException {
        List<JsonNode> messages = messages(poolId);
        assertThat(messages).hasSize(index + 1);
        return messages.get(index);
    }

    private List<JsonNode> messages(String poolId) throws IOException {
        List<JsonNode> messages = new java.util.ArrayList<>();
        for (String raw : Mailbox.rawMessages(db, poolId)) {
            messages.add(JSON.readTree(raw));
        }
        return messages;
    }

    /** What the function does with {@code request.code}: decrypt the compact JWE with the private key. */
    static String decrypt(String code) throws Exception {
        JWEObject jwe = JWEObject.parse(code);
        assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.RSA_OAEP_256);
        assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
        assertThat(jwe.getHeader().getKeyID()).as("the key's RFC 7638 thumbprint").isNotBlank();
        jwe.decrypt(new RSADecrypter(privateKey()));
        return jwe.getPayload().toString();
    }

    private static RSAPrivateKey privateKey() throws Exception {
        String base64 = resource("custom-sender/private.pem").replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static String resource(String name) {
        try (InputStream in = CustomSenderTriggerTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name, e);
        }
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
