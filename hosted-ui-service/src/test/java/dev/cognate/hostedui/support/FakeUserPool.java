package dev.cognate.hostedui.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.events.oauth.AuthorizationCode;
import dev.cognate.testkit.QuarkusConfigKeys;
import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for user-pool-service on a JDK HTTP server (port 0), following the internal API contract exactly:
 * <ul>
 * <li>{@code GET /internal/v1/clients/{clientId}}: the clients below; {@link #FAILING_CLIENT} answers 500, every other
 * id 404.</li>
 * <li>{@code POST /internal/v1/hosted-ui/clients/{clientId}/...}: sign-in and respond-to-challenge (the engine's steps:
 * a challenge with its session and parameters, or the signed-in user), sign-up, confirm-sign-up, resend-code,
 * forgot-password, confirm-forgot-password, with the users below and Cognito's errors (each request body kept for
 * {@link #lastRequest}); the MFA steps (SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP) with associate-software-token
 * and verify-software-token, each session single use as the engine's; and
 * implicit-tokens, which takes the grant from the real Redis ({@code GETDEL}) as user-pool-service does and answers
 * stand-in tokens that carry the grant: {@code access.<base64url(grant JSON)>}, {@code id.<same>} with
 * {@code openid} ({@link #grantOfToken}).</li>
 * <li>{@code GET /internal/v1/branding/{clientId}} and {@code .../image}: {@link #BRANDED_CLIENT} has its own CSS and PNG
 * logo (also at {@code /internal/v1/user-pools/{pool}/branding/{clientId}/image}); {@link #BRANDING_FAILS_CLIENT}
 * answers 500; every other client 404.</li>
 * <li>{@code GET /<pool>/.well-known/jwks.json}: one RSA key, whose private half tests get from {@link #signingKey()}
 * (a system property, since the test and this resource may live in different class loaders).</li>
 * </ul>
 * Points {@code quarkus.rest-client.user-pool.url} and {@code quarkus.rest-client.user-pool-internal.url} at itself.
 */
public class FakeUserPool implements QuarkusTestResourceLifecycleManager {

    public static final String POOL_ID = "us-east-1_AbCdEfGh1";
    public static final String OTHER_POOL_ID = "us-east-1_ZyXwVuTs9";
    /** A public client (no secret): PKCE required. */
    public static final String KNOWN_CLIENT = "1example23456789abcdefghij";
    /** A second public client of the same pool, for single sign-on. */
    public static final String SECOND_CLIENT = "2example23456789abcdefghij";
    /** A confidential client (with a secret): PKCE optional. Its pool signs in with the email address. */
    public static final String CONFIDENTIAL_CLIENT = "3example23456789abcdefghij";
    /** A client of another pool. */
    public static final String OTHER_POOL_CLIENT = "4example23456789abcdefghij";
    /** A client that allows only the implicit flow. */
    public static final String IMPLICIT_CLIENT = "5example23456789abcdefghij";
    /** A client of {@link #POOL_ID} with its own branding: {@link #BRANDED_CSS} and {@link #logoPng()}. */
    public static final String BRANDED_CLIENT = "6example23456789abcdefghij";
    /** A client whose branding look-up fails with a 500 (its configuration is fine). */
    public static final String BRANDING_FAILS_CLIENT = "7example23456789abcdefghij";
    public static final String BRANDED_CSS = ".submitButton-customizable {\n  background-color: #ff6600;\n}\n";
    public static final String BRANDING_VERSION = "5f3c9a0b1d2e4f60";
    /** Its pool allows every first factor (AllowedFirstAuthFactors PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN). */
    public static final String PASSWORDLESS_CLIENT = "8example23456789abcdefghij";
    /**
     * Supports COGNITO and the identity providers of {@link FakeFederation}: {@code Corp} (OIDC, identifiers
     * {@code example.com} and {@code corp}), {@code Google} and {@code Okta} (SAML, identifier {@code okta.example.org}).
     */
    public static final String FEDERATED_CLIENT = "9example23456789abcdefghij";
    /** Supports only {@code Google} and {@code Okta} (no COGNITO); allows the code and the implicit flow. */
    public static final String PROVIDERS_ONLY_CLIENT = "aexample23456789abcdefghij";
    public static final String FAILING_CLIENT = "failingclient";
    public static final String CALLBACK_URL = "https://app.example.com/callback";
    public static final String LOGOUT_URL = "https://app.example.com/";
    public static final String KID = "fake-key-1";

    /** Users: password, sub. */
    public static final String USER = "alice";
    public static final String PASSWORD = "Correct-horse-1";
    public static final String USER_SUB = "6c1f0a3e-0b7e-4b8a-9d43-3a1f5e2d9c10";
    public static final String NEW_USER = "newbie";
    public static final String TEMPORARY_PASSWORD = "Temporary-1";
    public static final String UNCONFIRMED_USER = "unconfirmed";
    public static final String RESET_USER = "resetme";
    public static final String CONFIRMATION_CODE = "123456";
    /** Signing in as this user makes the fake answer 500, as a failing user-pool-service would. */
    public static final String FAILING_USER = "boom";
    /** Signs in with {@link #PASSWORD} in a pool with MFA on: the engine refuses the sign-in (MFA fails closed). */
    public static final String MFA_USER = "mfauser";
    public static final String MFA_REFUSAL = "This sign-in requires multi-factor authentication (SMS_MFA), which Cognate does not"
            + " support yet; the sign-in is refused.";
    /** Signs in with {@link #PASSWORD}, then the engine asks SOFTWARE_TOKEN_MFA, answered by {@link #TOTP_CODE}. */
    public static final String TOTP_USER = "totpuser";
    public static final String TOTP_CODE = "246810";
    /** Signs in with {@link #PASSWORD}, then SMS_MFA (code sent to {@link #SMS_DESTINATION}), answered by {@link #SENT_CODE}. */
    /** Has a passkey: a WEB_AUTHN choice-sign-in asks for it ({@link #PASSKEY_OPTIONS}); {@link #GOOD_PASSKEY} answers it. */
    public static final String PASSKEY_USER = "passkeyuser";
    public static final String PASSKEY_CHALLENGE = "q1Vf0Yb7cTz3kP8mXwR2sA";
    public static final String PASSKEY_OPTIONS = "{\"challenge\":\"" + PASSKEY_CHALLENGE + "\",\"timeout\":180000,"
            + "\"rpId\":\"localhost\",\"allowCredentials\":[],\"userVerification\":\"preferred\"}";
    /** The CREDENTIAL the stand-in engine accepts (any other well-formed one is refused as a wrong passkey). */
    public static final String GOOD_PASSKEY = "{\"id\":\"good\",\"type\":\"public-key\"}";
    /**
     * {@code /passkeys/add}: StartWebAuthnRegistration's options for {@link #USER} (RP {@code localhost}); every other
     * user already has the most passkeys ({@code LimitExceededException}). Complete takes any RegistrationResponseJSON
     * object but {@link #DUPLICATE_PASSKEY} (already registered) and {@link #FOREIGN_PASSKEY} (another origin's).
     */
    public static final String CREATION_CHALLENGE = "c2VjcmV0LWNyZWF0aW9uLWNoYWxsZW5nZQ";
    public static final String CREATION_OPTIONS = "{\"challenge\":\"" + CREATION_CHALLENGE + "\",\"rp\":{\"id\":\"localhost\",\"name\":\"localhost\"},"
            + "\"user\":{\"id\":\"NmMxZjBhM2U\",\"name\":\"alice\",\"displayName\":\"alice\"},"
            + "\"pubKeyCredParams\":[{\"alg\":-7,\"type\":\"public-key\"},{\"alg\":-257,\"type\":\"public-key\"}],\"timeout\":60000,"
            + "\"excludeCredentials\":[],\"authenticatorSelection\":{\"requireResidentKey\":true,\"residentKey\":\"required\","
            + "\"userVerification\":\"preferred\"}}";
    public static final String DUPLICATE_PASSKEY = "{\"id\":\"registered-already\",\"type\":\"public-key\"}";
    public static final String FOREIGN_PASSKEY = "{\"id\":\"made-elsewhere\",\"type\":\"public-key\"}";
    public static final String SMS_USER = "smsuser";
    public static final String SMS_DESTINATION = "+*******0123";
    /** Signs in with {@link #PASSWORD}, then EMAIL_OTP (code sent to {@link #EMAIL_DESTINATION}), answered by {@link #SENT_CODE}. */
    public static final String EMAIL_USER = "emailuser";
    public static final String EMAIL_DESTINATION = "e***@e***";
    public static final String SENT_CODE = "135790";
    /** Signs in with {@link #PASSWORD}, then SMS_MFA whose session the engine no longer knows (it expired). */
    public static final String LATE_USER = "lateuser";
    /** Signs in with {@link #PASSWORD}, then SELECT_MFA_TYPE among SMS_MFA and SOFTWARE_TOKEN_MFA; the latter then asks {@link #TOTP_CODE}. */
    public static final String CHOOSING_USER = "chooser";
    /** Signs in with {@link #PASSWORD}, then MFA_SETUP for SOFTWARE_TOKEN_MFA: {@link #SETUP_SECRET}, first code {@link #SETUP_CODE}. */
    public static final String SETUP_USER = "setupuser";
    /** As {@link #SETUP_USER}, but MFAS_CAN_SETUP lists SOFTWARE_TOKEN_MFA and EMAIL_OTP. */
    public static final String SETUP_CHOICE_USER = "setupchoice";
    public static final String SETUP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    public static final String SETUP_CODE = "112233";

    /** Signs in with {@link #PASSWORD}, but is disabled before implicit-tokens: that answers "cannot sign in". */
    public static final String DISABLED_LATER_USER = "disabledlater";

    private static final String SIGNING_KEY_PROPERTY = "test.fake-user-pool.signing-key";
    static final String LAST_REQUEST_PROPERTY = "test.fake-user-pool.last-request.";
    private static final String CLIENTS_PREFIX = "/internal/v1/clients/";
    private static final String HOSTED_UI_PREFIX = "/internal/v1/hosted-ui/clients/";
    private static final String BRANDING_PREFIX = "/internal/v1/branding/";
    private static final String LEVEL_IMAGE = "/internal/v1/user-pools/" + POOL_ID + "/branding/" + BRANDED_CLIENT + "/image";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private String jwks;

    /** The private key the fake's JWKS publishes (kid {@link #KID}). */
    public static RSAPrivateKey signingKey() {
        try {
            byte[] encoded = Base64.getDecoder().decode(System.getProperty(SIGNING_KEY_PROPERTY));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (Exception e) {
            throw new IllegalStateException("FakeUserPool has not started", e);
        }
    }

    @Override
    public Map<String, String> start() {
        KeyPair keys = newKeyPair();
        System.setProperty(SIGNING_KEY_PROPERTY, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        jwks = """
                {"keys":[{"kty":"RSA","alg":"RS256","use":"sig","kid":"%s","n":"%s","e":"%s"}]}
                """.formatted(KID, base64Url(publicKey.getModulus()), base64Url(publicKey.getPublicExponent()));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
        String url = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.user-pool.url", url, "quarkus.rest-client.user-pool-internal.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) && path.startsWith(CLIENTS_PREFIX)) {
            answerClient(exchange, path.substring(CLIENTS_PREFIX.length()));
        } else if ("GET".equals(method) && (path.startsWith(BRANDING_PREFIX) || path.equals(LEVEL_IMAGE))) {
            answerBranding(exchange, path);
        } else if ("GET".equals(method) && path.equals("/" + POOL_ID + "/.well-known/jwks.json")) {
            send(exchange, 200, jwks);
        } else if ("POST".equals(method) && path.startsWith(HOSTED_UI_PREFIX)) {
            String[] parts = path.substring(HOSTED_UI_PREFIX.length()).split("/", 2);
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (parts.length == 2) {
                System.setProperty(LAST_REQUEST_PROPERTY + parts[1], body.toString());
            }
            if (parts.length != 2 || client(parts[0]) == null) {
                send(exchange, 404, error("ResourceNotFoundException", "User pool client " + parts[0] + " does not exist."));
            } else if (parts[1].startsWith("federation/")) {
                FakeFederation.answer(exchange, parts[0], parts[1].substring("federation/".length()), body);
            } else {
                answerHostedUi(exchange, parts[0], parts[1], body);
            }
        } else {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            send(exchange, 404, "no such route");
        }
    }

    private static void answerClient(HttpExchange exchange, String clientId) throws IOException {
        String client = client(clientId);
        if (client != null) {
            send(exchange, 200, client);
        } else if (clientId.equals(FAILING_CLIENT)) {
            send(exchange, 500, "{\"message\":\"database is down\"}");
        } else {
            send(exchange, 404, error("ResourceNotFoundException", "no such client"));
        }
    }

    private static void answerBranding(HttpExchange exchange, String path) throws IOException {
        if (path.equals(BRANDING_PREFIX + BRANDED_CLIENT)) {
            send(exchange, 200, JSON.createObjectNode().put("userPoolId", POOL_ID).put("clientId", BRANDED_CLIENT)
                    .put("css", BRANDED_CSS).put("cssVersion", BRANDING_VERSION).put("imageContentType", "image/png")
                    .put("hasImage", true).put("someFutureField", 1).toString());
        } else if (path.equals(BRANDING_PREFIX + BRANDED_CLIENT + "/image") || path.equals(LEVEL_IMAGE)) {
            byte[] png = logoPng();
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.getResponseHeaders().set("X-Cognate-CSS-Version", BRANDING_VERSION);
            exchange.sendResponseHeaders(200, png.length);
            try (var out = exchange.getResponseBody()) {
                out.write(png);
            }
        } else if (path.startsWith(BRANDING_PREFIX + BRANDING_FAILS_CLIENT)) {
            send(exchange, 500, "{\"__type\":\"InternalErrorException\",\"message\":\"database is down\"}");
        } else {
            send(exchange, 404, error("ResourceNotFoundException", "No UI customization applies to this client."));
        }
    }

    /** The body of the last request to the hosted-login route {@code action} ({@code sign-in}, ...), or null. */
    public static JsonNode lastRequest(String action) {
        String json = System.getProperty(LAST_REQUEST_PROPERTY + action);
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The branded client's logo: a real 2x2 PNG, so that browsers can draw it. */
    public static byte[] logoPng() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF6600);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static String client(String clientId) {
        return switch (clientId) {
            case KNOWN_CLIENT -> clientJson(KNOWN_CLIENT, POOL_ID, false, "[\"code\"]", "[]");
            case SECOND_CLIENT -> clientJson(SECOND_CLIENT, POOL_ID, false, "[\"code\"]", "[]");
            case CONFIDENTIAL_CLIENT -> clientJson(CONFIDENTIAL_CLIENT, POOL_ID, true, "[\"code\"]", "[\"email\"]");
            case OTHER_POOL_CLIENT -> clientJson(OTHER_POOL_CLIENT, OTHER_POOL_ID, false, "[\"code\"]", "[]");
            case IMPLICIT_CLIENT -> clientJson(IMPLICIT_CLIENT, POOL_ID, false, "[\"implicit\"]", "[]");
            case BRANDED_CLIENT -> clientJson(BRANDED_CLIENT, POOL_ID, false, "[\"code\"]", "[]");
            case BRANDING_FAILS_CLIENT -> clientJson(BRANDING_FAILS_CLIENT, POOL_ID, false, "[\"code\"]", "[]");
            case FEDERATED_CLIENT -> clientJson(FEDERATED_CLIENT, POOL_ID, false, "[\"code\"]", "[]")
                    .replace("\"supportedIdentityProviders\":[\"COGNITO\"]", FakeFederation.PROVIDERS_WITH_COGNITO);
            case PROVIDERS_ONLY_CLIENT -> clientJson(PROVIDERS_ONLY_CLIENT, POOL_ID, false, "[\"code\",\"implicit\"]", "[]")
                    .replace("\"supportedIdentityProviders\":[\"COGNITO\"]", FakeFederation.PROVIDERS_ONLY);
            case PASSWORDLESS_CLIENT -> clientJson(PASSWORDLESS_CLIENT, POOL_ID, false, "[\"code\"]", "[]")
                    .replace("\"someFutureField\"", "\"allowedFirstAuthFactors\":[\"PASSWORD\",\"EMAIL_OTP\",\"SMS_OTP\",\"WEB_AUTHN\"],\"someFutureField\"");
            default -> null;
        };
    }

    private static String clientJson(String clientId, String poolId, boolean hasSecret, String flows,
                                     String usernameAttributes) {
        return """
                {"clientId":"%s","userPoolId":"%s","clientName":"demo app","poolName":"demo pool",
                 "callbackUrls":["%s","https://app.example.com/other?x=1"],"logoutUrls":["%s"],
                 "allowedOAuthFlows":%s,"allowedOAuthFlowsUserPoolClient":true,
                 "allowedOAuthScopes":["openid","email","profile","aws.cognito.signin.user.admin","orders/read"],
                 "supportedIdentityProviders":["COGNITO"],"hasSecret":%s,"preventUserExistenceErrors":true,
                 "usernameAttributes":%s,"requiredAttributes":["email"],"autoVerifiedAttributes":["email"],
                 "someFutureField":true}
                """.formatted(clientId, poolId, CALLBACK_URL, LOGOUT_URL, flows, hasSecret, usernameAttributes);
    }

    private static void answerHostedUi(HttpExchange exchange, String clientId, String action, JsonNode body)
            throws IOException {
        String username = body.path("username").asText("");
        switch (action) {
            case "sign-in" -> {
                String password = body.path("password").asText("");
                if ((username.equals(USER) || username.equals(DISABLED_LATER_USER)) && password.equals(PASSWORD)) {
                    send(exchange, 200, signedIn(username));
                } else if (username.equals(NEW_USER) && password.equals(TEMPORARY_PASSWORD)) {
                    send(exchange, 200, """
                            {"challengeName":"NEW_PASSWORD_REQUIRED","session":"upstream-session-1",
                             "parameters":{"USER_ID_FOR_SRP":"newbie","requiredAttributes":"[\\"userAttributes.name\\"]",
                                           "userAttributes":"{\\"email\\":\\"newbie@example.com\\"}"}}""");
                } else if (username.equals(TOTP_USER) && password.equals(PASSWORD)) {
                    send(exchange, 200, """
                            {"challengeName":"SOFTWARE_TOKEN_MFA","session":"upstream-session-totp",
                             "parameters":{"USER_ID_FOR_SRP":"totpuser"}}""");
                } else if (username.equals(SMS_USER) && password.equals(PASSWORD)) {
                    send(exchange, 200, challenge("SMS_MFA", "upstream-session-sms", SMS_USER,
                            Map.of("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS", "CODE_DELIVERY_DESTINATION", SMS_DESTINATION)));
                } else if (username.equals(EMAIL_USER) && password.equals(PASSWORD)) {
                    send(exchange, 200, challenge("EMAIL_OTP", "upstream-session-email", EMAIL_USER,
                            Map.of("CODE_DELIVERY_DELIVERY_MEDIUM", "EMAIL", "CODE_DELIVERY_DESTINATION", EMAIL_DESTINATION)));
                } else if (username.equals(LATE_USER) && password.equals(PASSWORD)) {
                    send(exchange, 200, challenge("SMS_MFA", "upstream-session-gone", LATE_USER,
                            Map.of("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS", "CODE_DELIVERY_DESTINATION", SMS_DESTINATION)));
                } else if (username.equals(CHOOSING_USER) && password.equals(PASSWORD)) {
                    send(exchange, 200, challenge("SELECT_MFA_TYPE", "upstream-session-select", CHOOSING_USER,
                            Map.of("MFAS_CAN_CHOOSE", "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]")));
                } else if (username.equals(SETUP_USER) && password.equals(PASSWORD)) {
                    send(exchange, 200, challenge("MFA_SETUP", "upstream-session-setup", SETUP_USER,
                            Map.of("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]")));
                } else if (username.equals(SETUP_CHOICE_USER) && password.equals(PASSWORD)) {
                    send(exchange, 200, challenge("MFA_SETUP", "upstream-session-setup-choice", SETUP_CHOICE_USER,
                            Map.of("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]")));
                } else if (username.equals(MFA_USER) && password.equals(PASSWORD)) {
                    send(exchange, 400, error("NotAuthorizedException", MFA_REFUSAL));
                } else if (username.equals(FAILING_USER)) {
                    send(exchange, 500, "{\"__type\":\"InternalErrorException\",\"message\":\"database is down\"}");
                } else if (username.equals(UNCONFIRMED_USER)) {
                    send(exchange, 400, error("UserNotConfirmedException", "User is not confirmed."));
                } else if (username.equals(RESET_USER)) {
                    send(exchange, 400, error("PasswordResetRequiredException", "Password reset required for the user"));
                } else {
                    send(exchange, 400, error("NotAuthorizedException", "Incorrect username or password."));
                }
            }
            case "choice-sign-in" -> {
                // USER_AUTH with a PREFERRED_CHALLENGE: its challenge when the user can use it, else SELECT_CHALLENGE
                String preferred = body.path("preferredChallenge").asText("");
                if (username.equals(EMAIL_USER) && preferred.equals("EMAIL_OTP")) {
                    send(exchange, 200, challenge("EMAIL_OTP", "upstream-session-email", EMAIL_USER,
                            Map.of("CODE_DELIVERY_DELIVERY_MEDIUM", "EMAIL", "CODE_DELIVERY_DESTINATION", EMAIL_DESTINATION)));
                } else if (username.equals(PASSKEY_USER) && preferred.equals("WEB_AUTHN")) {
                    send(exchange, 200, JSON.createObjectNode().put("challengeName", "WEB_AUTHN").put("session", "upstream-session-passkey")
                            .set("parameters", JSON.createObjectNode().put("CREDENTIAL_REQUEST_OPTIONS", PASSKEY_OPTIONS)).toString());
                } else if (username.equals(SMS_USER) && preferred.equals("SMS_OTP")) {
                    send(exchange, 200, challenge("SMS_OTP", "upstream-session-sms-otp", SMS_USER,
                            Map.of("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS", "CODE_DELIVERY_DESTINATION", SMS_DESTINATION)));
                } else if (username.equals(FAILING_USER)) {
                    send(exchange, 500, "{\"__type\":\"InternalErrorException\",\"message\":\"database is down\"}");
                } else {
                    send(exchange, 200, JSON.createObjectNode().put("challengeName", "SELECT_CHALLENGE")
                            .put("session", "upstream-session-select-challenge").toString());
                }
            }
            case "respond-to-challenge" -> {
                JsonNode responses = body.path("responses");
                String challengeName = body.path("challengeName").asText();
                if (challengeName.equals("WEB_AUTHN")) {
                    answerPasskey(exchange, body.path("session").asText(), responses.path("CREDENTIAL").asText(""));
                } else if (MFA_CHALLENGES.contains(challengeName)) {
                    answerMfa(exchange, challengeName, body.path("session").asText(), responses);
                } else if (challengeName.equals("SOFTWARE_TOKEN_MFA")) {
                    // the engine's session is single use: any answer ends it
                    if (!body.path("session").asText().equals("upstream-session-totp")
                            || !List.of(TOTP_USER, CHOOSING_USER).contains(responses.path("USERNAME").asText())) {
                        send(exchange, 400, error("NotAuthorizedException", "Invalid session for the user, session is expired."));
                    } else if (!responses.path("SOFTWARE_TOKEN_MFA_CODE").asText().equals(TOTP_CODE)) {
                        send(exchange, 400, error("CodeMismatchException", "Invalid code received for user"));
                    } else {
                        send(exchange, 200, signedIn(TOTP_USER));
                    }
                } else if (!body.path("challengeName").asText().equals("NEW_PASSWORD_REQUIRED")
                        || !body.path("session").asText().equals("upstream-session-1")
                        || !responses.path("USERNAME").asText().equals(NEW_USER)) {
                    send(exchange, 400, error("NotAuthorizedException", "Invalid session for the user, session is expired."));
                } else if (responses.path("NEW_PASSWORD").asText().length() < 8) {
                    send(exchange, 400, error("InvalidPasswordException",
                            "Password does not conform to policy: Password not long enough"));
                } else if (responses.path("userAttributes.name").asText().isEmpty()) {
                    send(exchange, 400, error("InvalidParameterException", "Invalid attributes given, name is missing"));
                } else {
                    send(exchange, 200, """
                            {"signedIn":{"sub":"9d0c4f9e-1111-4c3a-8e55-2b7a6c1d0e21","username":"newbie","authTime":%d}}"""
                            .formatted(now()));
                }
            }
            case "sign-up" -> {
                if (username.equals(USER)) {
                    send(exchange, 400, error("UsernameExistsException", "User already exists"));
                } else if (body.path("password").asText().length() < 8) {
                    send(exchange, 400, error("InvalidPasswordException",
                            "Password did not conform with policy: Password not long enough"));
                } else {
                    send(exchange, 200, """
                            {"userConfirmed":false,"userSub":"0f8e7d6c-2222-4b3a-9c55-1a2b3c4d5e6f",
                             "codeDeliveryDetails":%s}""".formatted(delivery()));
                }
            }
            case "confirm-sign-up", "confirm-forgot-password" -> {
                if (body.path("code").asText().equals(CONFIRMATION_CODE)) {
                    send(exchange, 200, "{}");
                } else {
                    send(exchange, 400, error("CodeMismatchException", "Invalid verification code provided, please try again."));
                }
            }
            case "resend-code", "forgot-password" -> send(exchange, 200, "{\"codeDeliveryDetails\":" + delivery() + "}");
            case "implicit-tokens" -> answerImplicitTokens(exchange, clientId, body.path("code").asText(""));
            case "associate-software-token" -> {
                // AssociateSoftwareToken takes a set-up session and answers the next one
                if (List.of("upstream-session-setup", "upstream-session-setup-choice").contains(body.path("session").asText())) {
                    send(exchange, 200, JSON.createObjectNode().put("secretCode", SETUP_SECRET)
                            .put("session", "upstream-session-associated").toString());
                } else {
                    send(exchange, 400, error("NotAuthorizedException", "Invalid session for the user, session is expired."));
                }
            }
            case "verify-software-token" -> {
                if (!body.path("session").asText().equals("upstream-session-associated")) {
                    send(exchange, 400, error("NotAuthorizedException", "Invalid session for the user, session is expired."));
                } else if (!body.path("userCode").asText().equals(SETUP_CODE)) {
                    // the engine keeps the session for another try
                    send(exchange, 400, error("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"));
                } else {
                    send(exchange, 200, JSON.createObjectNode().put("status", "SUCCESS").put("session", "upstream-session-verified").toString());
                }
            }
            case "start-passkey-registration" -> {
                if (body.path("sub").asText().equals(USER_SUB)) {
                    send(exchange, 200, JSON.createObjectNode().put("options", CREATION_OPTIONS).toString());
                } else {
                    send(exchange, 400, error("LimitExceededException", "The user already has 20 passkeys, the most a user can register."));
                }
            }
            case "complete-passkey-registration" -> answerPasskeyRegistration(exchange, body);
            default -> send(exchange, 404, error("ResourceNotFoundException", "no such action"));
        }
    }

    /** complete-passkey-registration as user-pool-service answers it (the verification itself is its tests'). */
    private static void answerPasskeyRegistration(HttpExchange exchange, JsonNode body) throws IOException {
        String credential = body.path("credential").asText("");
        JsonNode parsed;
        try {
            parsed = JSON.readTree(credential);
        } catch (IOException notJson) {
            parsed = null;
        }
        if (!body.path("sub").asText().equals(USER_SUB)) {
            send(exchange, 400, error("UserNotFoundException", "User does not exist."));
        } else if (parsed == null || !parsed.isObject()) {
            send(exchange, 400, error("InvalidParameterException", "Credential must be a RegistrationResponseJSON object."));
        } else if (credential.equals(DUPLICATE_PASSKEY)) {
            send(exchange, 400, error("InvalidParameterException", "This passkey is already registered."));
        } else if (credential.equals(FOREIGN_PASSKEY)) {
            send(exchange, 400, error("WebAuthnOriginNotAllowedException", "The passkey was created for an origin this user pool does not allow."));
        } else {
            send(exchange, 200, "{}");
        }
    }

    private static final List<String> MFA_CHALLENGES = List.of("SMS_MFA", "EMAIL_OTP", "SMS_OTP", "SELECT_MFA_TYPE", "MFA_SETUP");

    /** SMS_MFA, EMAIL_OTP, SMS_OTP, SELECT_MFA_TYPE and MFA_SETUP as the engine answers them for the users above. */
    private static void answerMfa(HttpExchange exchange, String challengeName, String session, JsonNode responses) throws IOException {
        String username = responses.path("USERNAME").asText();
        String expired = error("NotAuthorizedException", "Invalid session for the user, session is expired.");
        switch (challengeName) {
            case "SMS_MFA", "EMAIL_OTP", "SMS_OTP" -> {
                String expectedSession = switch (challengeName) {
                    case "SMS_MFA" -> "upstream-session-sms";
                    case "SMS_OTP" -> "upstream-session-sms-otp";
                    default -> "upstream-session-email";
                };
                String code = responses.path(challengeName + "_CODE").asText();
                if (!session.equals(expectedSession)) {
                    send(exchange, 400, expired);
                } else if (!code.equals(SENT_CODE)) {
                    send(exchange, 400, error("CodeMismatchException", "Invalid code received for user"));
                } else {
                    send(exchange, 200, signedIn(username));
                }
            }
            case "SELECT_MFA_TYPE" -> {
                String answer = responses.path("ANSWER").asText();
                if (!session.equals("upstream-session-select")) {
                    send(exchange, 400, expired);
                } else if (answer.equals("SOFTWARE_TOKEN_MFA")) {
                    send(exchange, 200, challenge("SOFTWARE_TOKEN_MFA", "upstream-session-totp", CHOOSING_USER, Map.of()));
                } else if (answer.equals("SMS_MFA")) {
                    send(exchange, 200, challenge("SMS_MFA", "upstream-session-sms", CHOOSING_USER,
                            Map.of("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS", "CODE_DELIVERY_DESTINATION", SMS_DESTINATION)));
                } else {
                    send(exchange, 400, error("InvalidParameterException", "Invalid ANSWER"));
                }
            }
            default -> { // MFA_SETUP
                String email = responses.path("EMAIL").asText("");
                if (session.equals("upstream-session-verified")) {
                    send(exchange, 200, signedIn(username));
                } else if (session.equals("upstream-session-setup-choice") && !email.isEmpty()) {
                    if (email.endsWith("@invalid.example")) {
                        send(exchange, 400, error("InvalidParameterException", "Invalid email address format."));
                    } else {
                        send(exchange, 200, challenge("EMAIL_OTP", "upstream-session-email", SETUP_CHOICE_USER,
                                Map.of("CODE_DELIVERY_DELIVERY_MEDIUM", "EMAIL", "CODE_DELIVERY_DESTINATION", EMAIL_DESTINATION)));
                    }
                } else {
                    send(exchange, 400, expired);
                }
            }
        }
    }

    /** WEB_AUTHN as the engine answers it: a malformed CREDENTIAL keeps the session, a wrong passkey ends it. */
    private static void answerPasskey(HttpExchange exchange, String session, String credential) throws IOException {
        if (!session.equals("upstream-session-passkey")) {
            send(exchange, 400, error("NotAuthorizedException", "Invalid session for the user, session is expired."));
        } else if (!credential.startsWith("{")) {
            send(exchange, 400, error("InvalidParameterException", "CREDENTIAL is not a valid AuthenticationResponseJSON."));
        } else if (credential.equals(GOOD_PASSKEY) || JSON.readTree(credential).path("response").has("signature")) {
            send(exchange, 200, signedIn(PASSKEY_USER));
        } else {
            send(exchange, 400, error("NotAuthorizedException", "Incorrect username or password."));
        }
    }

    private static String challenge(String name, String session, String username, Map<String, String> parameters) {
        ObjectNode step = JSON.createObjectNode().put("challengeName", name).put("session", session);
        ObjectNode values = step.putObject("parameters").put("USER_ID_FOR_SRP", username);
        parameters.forEach(values::put);
        return step.toString();
    }

    private static String signedIn(String username) {
        String sub = username.equals(USER) ? USER_SUB : "7e2d1c0b-3333-4d4e-8f66-4b5c6d7e8f90";
        return """
                {"signedIn":{"sub":"%s","username":"%s","authTime":%d}}""".formatted(sub, username, now());
    }

    /** implicit-tokens as user-pool-service answers it: the grant taken once, checked, and its tokens. */
    private static void answerImplicitTokens(HttpExchange exchange, String clientId, String code) throws IOException {
        if (!clientId.equals(IMPLICIT_CLIENT) && !clientId.equals(PROVIDERS_ONLY_CLIENT)) {
            send(exchange, 400, error("NotAuthorizedException", "The client is not allowed the implicit grant."));
            return;
        }
        String json = RedisCommands.getdel(redisHostAndPort(), AuthorizationCode.redisKey(code));
        if (json == null) {
            send(exchange, 400, error("NotAuthorizedException", "The authorization code is invalid, expired or already used."));
            return;
        }
        AuthorizationCode grant = AuthorizationCode.fromJson(json);
        if (!grant.clientId().equals(clientId)) {
            send(exchange, 400, error("NotAuthorizedException", "The authorization code was issued to another client."));
        } else if (grant.codeChallenge() != null) {
            send(exchange, 400, error("NotAuthorizedException", "A code with a code_challenge is redeemed at the token endpoint."));
        } else if (grant.username().equals(DISABLED_LATER_USER)) {
            send(exchange, 400, error("NotAuthorizedException", "The user of the authorization code cannot sign in."));
        } else {
            String carried = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            ObjectNode tokens = JSON.createObjectNode().put("access_token", "access." + carried);
            if (grant.scopes().contains("openid")) {
                tokens.put("id_token", "id." + carried);
            }
            tokens.put("token_type", "Bearer").put("expires_in", 3600);
            send(exchange, 200, tokens.toString());
        }
    }

    /** The grant a stand-in token of implicit-tokens carries. */
    public static AuthorizationCode grantOfToken(String token) {
        String carried = token.substring(token.indexOf('.') + 1);
        return AuthorizationCode.fromJson(new String(Base64.getUrlDecoder().decode(carried), StandardCharsets.UTF_8));
    }

    /** The test Redis (libs/testkit), e.g. {@code 127.0.0.1:6379}. */
    private static String redisHostAndPort() {
        return TestInfrastructure.quarkusConfig().get(QuarkusConfigKeys.REDIS_HOSTS).replaceFirst("^redis://", "");
    }

    private static String delivery() {
        return "{\"Destination\":\"a***@e***\",\"DeliveryMedium\":\"EMAIL\",\"AttributeName\":\"email\"}";
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String error(String type, String message) {
        ObjectNode error = JSON.createObjectNode().put("__type", type).put("message", message);
        return error.toString();
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
