package dev.cognate.identitypool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.testkit.Ports;
import dev.cognate.tokens.JwtSigner;
import dev.cognate.tokens.PublicJwk;
import dev.cognate.tokens.SigningAlgorithm;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A user pool issuer as user-pool-service publishes one, on a real local HTTP server: per pool
 * {@code /<poolId>/.well-known/openid-configuration} and {@code /<poolId>/.well-known/jwks.json} (RS256 keys), and ID
 * tokens signed with its key, as user-pool-service signs them (libs/tokens). Started once per test JVM on the port
 * {@link LocalIssuerPortResource} reserved.
 */
public final class LocalUserPoolIssuer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalUserPoolIssuer instance;

    private final String baseUrl;
    private final KeyPair key = rsa();
    private final String kid = "local-issuer-key-1";
    private final AtomicInteger jwksFetches = new AtomicInteger();
    /** Keys a pool rotated to ({@link #rotate}); its JWKS then publishes both, its tokens are signed with the new one. */
    private final Map<String, KeyPair> rotated = new ConcurrentHashMap<>();

    private LocalUserPoolIssuer(int port) throws IOException {
        this.baseUrl = "http://" + Ports.LOOPBACK + ":" + port;
        HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public static synchronized LocalUserPoolIssuer get() {
        if (instance == null) {
            int port = ConfigProvider.getConfig().getValue(LocalIssuerPortResource.PORT_PROPERTY, Integer.class);
            try {
                instance = new LocalUserPoolIssuer(port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The provider name Cognate derives from its issuer: {@code 127.0.0.1:<port>/<poolId>}. */
    public String providerName(String userPoolId) {
        return baseUrl.substring("http://".length()) + "/" + userPoolId;
    }

    public String issuer(String userPoolId) {
        return baseUrl + "/" + userPoolId;
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** An unexpired ID token of the pool for {@code sub} and {@code clientId}; {@code more} adds or changes claims. */
    public String idToken(String userPoolId, String clientId, String sub, Consumer<ObjectNode> more) {
        return sign(claims(userPoolId, clientId, sub, more));
    }

    public String idToken(String userPoolId, String clientId, String sub) {
        return idToken(userPoolId, clientId, sub, claims -> { });
    }

    public ObjectNode claims(String userPoolId, String clientId, String sub, Consumer<ObjectNode> more) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("sub", sub)
                .put("aud", clientId)
                .put("email_verified", true)
                .put("token_use", "id")
                .put("auth_time", now)
                .put("iss", issuer(userPoolId))
                .put("cognito:username", "user-" + sub)
                .put("exp", now + 3600)
                .put("iat", now);
        more.accept(claims);
        return claims;
    }

    public String sign(ObjectNode claims) {
        String pool = poolOf(claims);
        KeyPair newer = rotated.get(pool);
        return newer == null ? JwtSigner.of(SigningAlgorithm.RS256, kid, key.getPrivate()).sign(claims)
                : JwtSigner.of(SigningAlgorithm.RS256, rotatedKid(pool), newer.getPrivate()).sign(claims);
    }

    /** The pool's issuer starts signing with a new key, published next to the old one, as user pools rotate. */
    public void rotate(String userPoolId) {
        rotated.put(userPoolId, rsa());
    }

    private String poolOf(ObjectNode claims) {
        String iss = claims.path("iss").asText();
        return iss.substring(iss.lastIndexOf('/') + 1);
    }

    private static String rotatedKid(String pool) {
        return "rotated-" + pool;
    }

    /** A token with this issuer's kid but signed by another key: what a forger without the private key can make. */
    public String forged(ObjectNode claims) {
        return JwtSigner.of(SigningAlgorithm.RS256, kid, rsa().getPrivate()).sign(claims);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        byte[] body;
        int status = 200;
        if (parts.length == 4 && path.endsWith("/.well-known/openid-configuration")) {
            String issuer = baseUrl + "/" + parts[1];
            ObjectNode discovery = JSON.createObjectNode().put("issuer", issuer).put("jwks_uri", issuer + "/.well-known/jwks.json");
            body = JSON.writeValueAsBytes(discovery);
        } else if (parts.length == 4 && path.endsWith("/.well-known/jwks.json")) {
            jwksFetches.incrementAndGet();
            ObjectNode jwks = JSON.createObjectNode();
            jwks.putArray("keys").add(PublicJwk.of(kid, SigningAlgorithm.RS256, key.getPublic()));
            KeyPair newer = rotated.get(parts[1]);
            if (newer != null) {
                ((ArrayNode) jwks.get("keys")).add(PublicJwk.of(rotatedKid(parts[1]), SigningAlgorithm.RS256, newer.getPublic()));
            }
            body = JSON.writeValueAsBytes(jwks);
        } else {
            status = 404;
            body = "not found".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
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
}
