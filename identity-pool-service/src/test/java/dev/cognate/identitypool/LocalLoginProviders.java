package dev.cognate.identitypool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.internalapi.IdTokenCheck;
import dev.cognate.testkit.Ports;
import dev.cognate.tokens.JwtSigner;
import dev.cognate.tokens.PublicJwk;
import dev.cognate.tokens.SigningAlgorithm;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The login providers an identity pool trusts, as real HTTP endpoints on one local server (the port
 * {@link LocalLoginProvidersPortResource} reserved), with real keys and libs/tokens signatures:
 * <ul>
 * <li>Google ({@code /google/oauth2/v3/certs}) and Apple ({@code /apple/auth/keys}): JWKS; ID tokens signed RS256 with
 *     the issuers Google and Apple use;</li>
 * <li>Facebook's Graph API ({@code /facebook/app}, {@code /facebook/me}) and Login with Amazon
 *     ({@code /amazon/auth/o2/tokeninfo}, {@code /amazon/user/profile}) answering for the access tokens a test
 *     {@linkplain #facebookToken issued}, with their error documents otherwise;</li>
 * <li>an OpenID Connect provider at {@code /oidc} (discovery and JWKS, ES256 keys);</li>
 * <li>the metadata of a SAML IdP ({@link #SAML_METADATA_PATH}, {@link LocalSamlIdp#URL_IDP_ENTITY});</li>
 * <li>user-pool-service's internal {@code id-token-check} route under {@code /user-pool}, answering the status a test
 *     set for a sub (default ACTIVE), and recording what it was asked.</li>
 * </ul>
 */
public final class LocalLoginProviders {

    public static final String OIDC_PATH = "/oidc";
    public static final String USER_POOL_INTERNAL_PATH = "/user-pool";
    /** The metadata of {@link LocalSamlIdp#URL_IDP_ENTITY}: what IAM would hold for {@link LocalSamlIdp#URL_IDP_ARN}. */
    public static final String SAML_METADATA_PATH = "/saml/metadata.xml";
    public static final String GOOGLE_ISSUER = "https://accounts.google.com";
    public static final String APPLE_ISSUER = "https://appleid.apple.com";
    /** A status the user-pool route answers with a 500; another with no answer before the client's read timeout. */
    public static final String FAIL = "FAIL";
    public static final String HANG = "HANG";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalLoginProviders instance;

    private final String baseUrl;
    private final String hostAndPort;
    private final KeyPair google = rsa();
    private final KeyPair apple = rsa();
    private final KeyPair oidc = ec();
    private final Map<String, String[]> facebookTokens = new ConcurrentHashMap<>();
    private final Map<String, String[]> amazonTokens = new ConcurrentHashMap<>();
    private final Map<String, String> userStatuses = new ConcurrentHashMap<>();
    private final List<JsonNode> idTokenChecks = new CopyOnWriteArrayList<>();
    private volatile boolean facebookDown;
    private final java.util.concurrent.atomic.AtomicInteger samlMetadataFetches = new java.util.concurrent.atomic.AtomicInteger();

    private LocalLoginProviders(int port) throws IOException {
        this.hostAndPort = Ports.LOOPBACK + ":" + port;
        this.baseUrl = "http://" + hostAndPort;
        HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::serve);
        server.start();
    }

    public static synchronized LocalLoginProviders get() {
        if (instance == null) {
            int port = ConfigProvider.getConfig().getValue(LocalLoginProvidersPortResource.PORT_PROPERTY, Integer.class);
            try {
                instance = new LocalLoginProviders(port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The {@code Logins} key of the local OIDC provider: its issuer without the scheme. */
    public String oidcProviderName() {
        return hostAndPort + OIDC_PATH;
    }

    public String oidcArn() {
        return "arn:aws:iam::000000000000:oidc-provider/" + oidcProviderName();
    }

    public String oidcIssuer() {
        return baseUrl + OIDC_PATH;
    }

    /** Unexpired ID token claims: {@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code exp}; {@code more} changes them. */
    public static ObjectNode claims(String issuer, String audience, String sub, Consumer<ObjectNode> more) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", issuer).put("aud", audience).put("sub", sub)
                .put("email", sub + "@example.com").put("iat", now).put("exp", now + 3600);
        more.accept(claims);
        return claims;
    }

    public String googleIdToken(String clientId, String sub, Consumer<ObjectNode> more) {
        return JwtSigner.of(SigningAlgorithm.RS256, "google-1", google.getPrivate()).sign(claims(GOOGLE_ISSUER, clientId, sub, more));
    }

    public String appleIdToken(String servicesId, String sub, Consumer<ObjectNode> more) {
        return JwtSigner.of(SigningAlgorithm.RS256, "apple-1", apple.getPrivate()).sign(claims(APPLE_ISSUER, servicesId, sub, more));
    }

    public String oidcIdToken(String clientId, String sub, Consumer<ObjectNode> more) {
        return JwtSigner.of(SigningAlgorithm.ES256, "oidc-1", oidc.getPrivate()).sign(claims(oidcIssuer(), clientId, sub, more));
    }

    /** Signed by a key no provider publishes, under Google's kid: what a forger can make. */
    public String forgedGoogleIdToken(String clientId, String sub) {
        return JwtSigner.of(SigningAlgorithm.RS256, "google-1", rsa().getPrivate()).sign(claims(GOOGLE_ISSUER, clientId, sub, c -> { }));
    }

    /** A Facebook user access token the Graph API answers for: issued to {@code appId} for {@code userId}. */
    public String facebookToken(String appId, String userId) {
        String token = "EAAB" + userId + "x" + System.nanoTime();
        facebookTokens.put(token, new String[] {appId, userId});
        return token;
    }

    public void facebookDown(boolean down) {
        facebookDown = down;
    }

    /** A Login with Amazon access token: for client {@code clientId} of application {@code appId}, user {@code userId}. */
    public String amazonToken(String clientId, String appId, String userId) {
        String token = "Atza|" + userId + "|" + System.nanoTime();
        amazonTokens.put(token, new String[] {clientId, appId, userId});
        return token;
    }

    /** What the user-pool route answers for {@code sub}: an {@link IdTokenCheck} status, {@link #FAIL} or {@link #HANG}. */
    public void userStatus(String sub, String status) {
        userStatuses.put(sub, status);
    }

    /** The id-token-check requests received: {@code {"poolId", "body"}}. */
    public List<JsonNode> idTokenChecks() {
        return idTokenChecks;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/google/oauth2/v3/certs" -> json(exchange, 200, jwks("google-1", SigningAlgorithm.RS256, google));
                case "/apple/auth/keys" -> json(exchange, 200, jwks("apple-1", SigningAlgorithm.RS256, apple));
                case OIDC_PATH + "/.well-known/openid-configuration" -> json(exchange, 200, JSON.createObjectNode()
                        .put("issuer", oidcIssuer()).put("jwks_uri", oidcIssuer() + "/jwks"));
                case OIDC_PATH + "/jwks" -> json(exchange, 200, jwks("oidc-1", SigningAlgorithm.ES256, oidc));
                case "/facebook/app", "/facebook/me" -> facebook(exchange, path, query.get("access_token"));
                case "/amazon/auth/o2/tokeninfo" -> amazonTokenInfo(exchange, query.get("access_token"));
                case "/amazon/user/profile" -> amazonProfile(exchange, exchange.getRequestHeaders().getFirst("Authorization"));
                case SAML_METADATA_PATH -> {
                    samlMetadataFetches.incrementAndGet();
                    xml(exchange, LocalSamlIdp.metadata(LocalSamlIdp.URL_IDP_ENTITY, "other-cert.pem"));
                }
                default -> {
                    String prefix = USER_POOL_INTERNAL_PATH + "/internal/v1/user-pools/";
                    if (path.startsWith(prefix) && path.endsWith("/id-token-check") && "POST".equals(exchange.getRequestMethod())) {
                        idTokenCheck(exchange, path.substring(prefix.length(), path.length() - "/id-token-check".length()));
                    } else {
                        json(exchange, 404, JSON.createObjectNode().put("message", "not found"));
                    }
                }
            }
        }
    }

    private void facebook(HttpExchange exchange, String path, String token) throws IOException {
        if (facebookDown) {
            json(exchange, 503, JSON.createObjectNode().put("message", "unavailable"));
            return;
        }
        String[] known = token == null ? null : facebookTokens.get(token);
        if (known == null) {
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("message", "Invalid OAuth access token - Cannot parse access token")
                    .put("type", "OAuthException").put("code", 190);
            json(exchange, 400, error);
            return;
        }
        json(exchange, 200, path.endsWith("/app") ? JSON.createObjectNode().put("id", known[0])
                : JSON.createObjectNode().put("id", known[1]));
    }

    private void amazonTokenInfo(HttpExchange exchange, String token) throws IOException {
        String[] known = token == null ? null : amazonTokens.get(token);
        if (known == null) {
            json(exchange, 400, JSON.createObjectNode().put("error", "invalid_token")
                    .put("error_description", "The request has an invalid parameter : access_token"));
            return;
        }
        json(exchange, 200, JSON.createObjectNode().put("iss", "https://www.amazon.com").put("user_id", known[2])
                .put("aud", known[0]).put("app_id", known[1]).put("exp", 3597).put("iat", Instant.now().getEpochSecond()));
    }

    private void amazonProfile(HttpExchange exchange, String authorization) throws IOException {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7) : null;
        String[] known = token == null ? null : amazonTokens.get(token);
        if (known == null) {
            json(exchange, 401, JSON.createObjectNode().put("error", "invalid_token"));
            return;
        }
        // a profile whose user differs from tokeninfo's: what the test token "mismatch" stands for
        String userId = known[2].startsWith("mismatch") ? "amzn1.account.SOMEONEELSE" : known[2];
        json(exchange, 200, JSON.createObjectNode().put("user_id", userId).put("name", "Amazon User").put("email", "a@example.com"));
    }

    private void idTokenCheck(HttpExchange exchange, String poolId) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        idTokenChecks.add(JSON.createObjectNode().put("poolId", poolId).set("body", body));
        String status = userStatuses.getOrDefault(body.path("sub").asText(), IdTokenCheck.ACTIVE);
        if (FAIL.equals(status)) {
            json(exchange, 500, JSON.createObjectNode().put("__type", "InternalErrorException"));
        } else if (HANG.equals(status)) {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            json(exchange, 200, JSON.valueToTree(new IdTokenCheck.Answer(IdTokenCheck.ACTIVE)));
        } else {
            json(exchange, 200, JSON.valueToTree(new IdTokenCheck.Answer(status)));
        }
    }

    private static ObjectNode jwks(String kid, SigningAlgorithm algorithm, KeyPair key) {
        ObjectNode jwks = JSON.createObjectNode();
        jwks.putArray("keys").add(PublicJwk.of(kid, algorithm, key.getPublic()));
        return jwks;
    }

    private static void xml(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/samlmetadata+xml");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** How often the SAML metadata was fetched. */
    public int samlMetadataFetches() {
        return samlMetadataFetches.get();
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client gave up (the HANG case): nothing to answer to
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new ConcurrentHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
