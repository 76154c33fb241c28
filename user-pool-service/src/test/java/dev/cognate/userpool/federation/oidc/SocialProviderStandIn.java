package dev.cognate.userpool.federation.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Facebook, Login with Amazon and Sign in with Apple as a JDK {@code HttpServer} on {@link FederationTestProfile#STAND_IN_PORT},
 * speaking their real token and user APIs (the Graph API's {@code /me?fields=} with {@code appsecret_proof}, Amazon's
 * profile API, Apple's token endpoint that verifies the ES256 JWT client secret and answers an ES256 ID token), plus a
 * "forged" OpenID provider whose ID tokens each test makes as it likes (bad signature, another audience, expired,
 * {@code alg} none...). The authorization step is the test's: {@link #authorize} plays the user signing in at the provider
 * and answers what the provider redirects (or, Apple, form-posts) back to the login domain. Every check the real
 * providers make on Cognate's requests is made here too, and a failed one answers their error.
 */
final class SocialProviderStandIn {

    static final String FACEBOOK_APP = "1234567890";
    static final String FACEBOOK_SECRET = "facebook-app-secret";
    static final String AMAZON_CLIENT = "amzn1.application-oa2-client.cognatetest";
    static final String AMAZON_SECRET = "amazon-client-secret";
    static final String APPLE_CLIENT = "test.cognate.signin";
    static final String APPLE_TEAM = "TEAM123456";
    static final String APPLE_KEY_ID = "KEY1234567";
    static final String FORGED_CLIENT = "forged-client";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SocialProviderStandIn instance;

    /** What the user granted at the provider, under the code it was given. */
    record Grant(String provider, Map<String, String> request, String subject, String email) {
    }

    private final HttpServer server;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    final List<URI> userRequests = new CopyOnWriteArrayList<>();
    /** The public key of the pool's Apple provider (its {@code private_key}'s), which the client secret must verify with. */
    volatile ECKey appleClientKey;
    final ECKey appleSigningKey;
    final RSAKey forgedSigningKey;
    /** Makes the forged provider's ID token for a grant; each test sets it. */
    volatile Function<Grant, String> forgedIdToken;
    /** The {@code sub} the forged provider's userInfo answers for a grant. */
    volatile Function<Grant, String> forgedUserInfoSub = Grant::subject;

    private SocialProviderStandIn() throws Exception {
        appleSigningKey = new ECKeyGenerator(Curve.P_256).keyID("apple-test-1").generate();
        forgedSigningKey = new RSAKeyGenerator(2048).keyID("forged-1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", FederationTestProfile.STAND_IN_PORT), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static synchronized SocialProviderStandIn get() throws Exception {
        if (instance == null) {
            instance = new SocialProviderStandIn();
        }
        return instance;
    }

    static String forgedIssuer() {
        return FederationTestProfile.standIn() + "/forged";
    }

    static String appleIssuer() {
        return FederationTestProfile.standIn() + "/apple";
    }

    /**
     * The user {@code subject} signs in at the provider of {@code authorizeUrl} (Cognate's start location): the code is
     * bound to the request's client, redirect URI, PKCE challenge and nonce; the answer is the redirect's (or form post's)
     * parameters, with Apple's {@code user} JSON when {@code appleUserJson} is given.
     */
    Map<String, String> authorize(String provider, String authorizeUrl, String subject, String email, String appleUserJson) {
        Map<String, String> request = UpstreamBrowser.query(URI.create(authorizeUrl));
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Grant(provider, request, subject, email));
        Map<String, String> answer = new java.util.LinkedHashMap<>(Map.of("code", code, "state", request.get("state")));
        if (appleUserJson != null) {
            answer.put("user", appleUserJson);
        }
        return answer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/facebook/oauth/access_token" -> token(exchange, "facebook", this::facebookClient,
                        grant -> JSON.createObjectNode().put("token_type", "bearer").put("expires_in", 5183944));
                case "/facebook/me" -> facebookMe(exchange);
                case "/amazon/auth/o2/token" -> token(exchange, "amazon", this::amazonClient,
                        grant -> JSON.createObjectNode().put("token_type", "bearer").put("expires_in", 3600).put("refresh_token", "Atzr|refresh"));
                case "/amazon/user/profile" -> amazonProfile(exchange);
                case "/apple/auth/token" -> token(exchange, "apple", this::appleClient, this::appleTokens);
                case "/apple/auth/keys" -> send(exchange, 200, new JWKSet(appleSigningKey.toPublicJWK()).toString());
                case "/forged/.well-known/openid-configuration" -> send(exchange, 200, JSON.createObjectNode()
                        .put("issuer", forgedIssuer()).put("authorization_endpoint", forgedIssuer() + "/authorize")
                        .put("token_endpoint", forgedIssuer() + "/token").put("userinfo_endpoint", forgedIssuer() + "/userinfo")
                        .put("jwks_uri", forgedIssuer() + "/jwks").toString());
                case "/forged/token" -> token(exchange, "forged", form -> FORGED_CLIENT.equals(form.get("client_id")),
                        grant -> JSON.createObjectNode().put("token_type", "Bearer").put("id_token", forgedIdToken.apply(grant)));
                case "/forged/userinfo" -> {
                    Grant grant = bearer(exchange);
                    if (grant == null) {
                        send(exchange, 401, "{\"error\":\"invalid_token\"}");
                    } else {
                        send(exchange, 200, JSON.createObjectNode().put("sub", forgedUserInfoSub.apply(grant)).put("email", grant.email()).toString());
                    }
                }
                case "/forged/jwks" -> send(exchange, 200, new JWKSet(forgedSigningKey.toPublicJWK()).toString());
                default -> send(exchange, 404, "{\"error\":\"not_found\"}");
            }
        } catch (Exception e) {
            send(exchange, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    /** The authorization-code grant every provider runs: client authenticated, code once, redirect URI and PKCE as authorized. */
    private void token(HttpExchange exchange, String provider, java.util.function.Predicate<Map<String, String>> clientAuthenticated,
                       Function<Grant, ObjectNode> answer) throws IOException {
        Map<String, String> form = UpstreamBrowser.query(URI.create("?" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        tokenRequests.add(form);
        if (!"POST".equals(exchange.getRequestMethod()) || !"authorization_code".equals(form.get("grant_type"))) {
            send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        if (!clientAuthenticated.test(form)) {
            send(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        if (grant == null || !grant.provider().equals(provider)
                || !grant.request().get("client_id").equals(form.get("client_id"))
                || !grant.request().get("redirect_uri").equals(form.get("redirect_uri"))
                || !grant.request().get("code_challenge").equals(s256(form.getOrDefault("code_verifier", "")))) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String accessToken = provider + "-access-" + UUID.randomUUID();
        accessTokens.put(accessToken, grant);
        send(exchange, 200, answer.apply(grant).put("access_token", accessToken).toString());
    }

    private boolean facebookClient(Map<String, String> form) {
        return FACEBOOK_APP.equals(form.get("client_id")) && FACEBOOK_SECRET.equals(form.get("client_secret"));
    }

    private boolean amazonClient(Map<String, String> form) {
        return AMAZON_CLIENT.equals(form.get("client_id")) && AMAZON_SECRET.equals(form.get("client_secret"));
    }

    /** Apple's check of the client secret: an ES256 JWT of the team's key, for this Services ID and Apple's audience. */
    private boolean appleClient(Map<String, String> form) {
        try {
            SignedJWT secret = SignedJWT.parse(form.get("client_secret"));
            JWTClaimsSet claims = secret.getJWTClaimsSet();
            return JWSAlgorithm.ES256.equals(secret.getHeader().getAlgorithm())
                    && APPLE_KEY_ID.equals(secret.getHeader().getKeyID())
                    && secret.verify(new ECDSAVerifier(appleClientKey))
                    && APPLE_TEAM.equals(claims.getIssuer())
                    && APPLE_CLIENT.equals(claims.getSubject())
                    && claims.getAudience().equals(List.of(appleIssuer()))
                    && claims.getExpirationTime().after(new Date())
                    && !claims.getIssueTime().after(new Date(System.currentTimeMillis() + 60_000))
                    && APPLE_CLIENT.equals(form.get("client_id"));
        } catch (Exception e) {
            return false;
        }
    }

    private ObjectNode appleTokens(Grant grant) {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(appleIssuer()).audience(APPLE_CLIENT).subject(grant.subject())
                .issueTime(new Date(now)).expirationTime(new Date(now + 600_000)).claim("nonce", grant.request().get("nonce"))
                .claim("email", grant.email()).claim("email_verified", "true").claim("auth_time", now / 1000).build();
        return JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", 3600).put("refresh_token", "apple-refresh")
                .put("id_token", sign(claims, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(appleSigningKey.getKeyID()).build(), appleSigningKey));
    }

    private void facebookMe(HttpExchange exchange) throws IOException {
        userRequests.add(exchange.getRequestURI());
        Grant grant = bearer(exchange);
        Map<String, String> query = UpstreamBrowser.query(exchange.getRequestURI());
        String token = exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
        if (grant == null || !hmacHex(FACEBOOK_SECRET, token).equals(query.get("appsecret_proof"))) {
            send(exchange, 400, "{\"error\":{\"message\":\"Invalid OAuth access token\",\"type\":\"OAuthException\",\"code\":190}}");
            return;
        }
        Map<String, String> all = Map.of("id", grant.subject(), "email", grant.email(), "name", "Fiona Book", "first_name", "Fiona",
                "last_name", "Book");
        ObjectNode me = JSON.createObjectNode();
        for (String field : query.getOrDefault("fields", "id").split(",")) {
            if (all.containsKey(field)) {
                me.put(field, all.get(field));
            }
        }
        send(exchange, 200, me.toString());
    }

    private void amazonProfile(HttpExchange exchange) throws IOException {
        userRequests.add(exchange.getRequestURI());
        Grant grant = bearer(exchange);
        if (grant == null) {
            send(exchange, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        send(exchange, 200, JSON.createObjectNode().put("user_id", grant.subject()).put("name", "Amy Zon")
                .put("email", grant.email()).put("postal_code", "98109").toString());
    }

    private Grant bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        return accessTokens.get(authorization.substring("Bearer ".length()));
    }

    /** An ID token of the forged provider signed with its real key (so only the claims are wrong), or any JWS made by hand. */
    String forgedToken(JWTClaimsSet claims) {
        return sign(claims, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(forgedSigningKey.getKeyID()).build(), forgedSigningKey);
    }

    /** Claims a well-behaved forged provider would sign for {@code grant}; tests change one. */
    JWTClaimsSet.Builder goodClaims(Grant grant) {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().issuer(forgedIssuer()).audience(FORGED_CLIENT).subject(grant.subject())
                .issueTime(new Date(now)).expirationTime(new Date(now + 300_000)).claim("nonce", grant.request().get("nonce"));
    }

    private static String sign(JWTClaimsSet claims, JWSHeader header, com.nimbusds.jose.jwk.JWK key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmacHex(String key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
