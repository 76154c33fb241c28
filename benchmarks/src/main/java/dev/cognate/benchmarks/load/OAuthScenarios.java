package dev.cognate.benchmarks.load;

import dev.cognate.events.oauth.AuthorizationCode;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The OAuth 2.0 / OIDC scenarios (token-authorization-code, token-refresh, token-client-credentials, discovery, jwks):
 * their set-up, done once, and one request of each, over plain HTTP ({@link OAuthEndpoints}).
 */
final class OAuthScenarios {

    /** How many codes token-authorization-code writes to Redis before the run (at most {@code --max-requests}). */
    private static final int MAX_CODES = 50_000;
    private static final String CALLBACK = "https://app.example.test/callback";
    private static final String CODE_VERIFIER = "load-harness-pkce-verifier-0123456789-abcdefghij";

    private final OAuthEndpoints endpoints;
    private final String poolId;
    private final String webClientId;
    private final String m2mClientId;
    private final String m2mSecret;
    private final String refreshToken;
    private final String username;
    private final String password;
    private final AuthorizationCode grant;
    private final RedisCodeMinter redis;
    /** An access token with the openid scope (from a redeemed code), for userinfo; null when not asked for. */
    private String openIdAccessToken;
    private final ConcurrentLinkedQueue<String> authorizationCodes = new ConcurrentLinkedQueue<>();

    private OAuthScenarios(OAuthEndpoints endpoints, String poolId, String webClientId, String m2mClientId, String m2mSecret,
            String refreshToken, String username, String password, AuthorizationCode grant, RedisCodeMinter redis) {
        this.endpoints = endpoints;
        this.poolId = poolId;
        this.webClientId = webClientId;
        this.m2mClientId = m2mClientId;
        this.m2mSecret = m2mSecret;
        this.refreshToken = refreshToken;
        this.username = username;
        this.password = password;
        this.grant = grant;
        this.redis = redis;
    }

    /**
     * In {@code poolId} (made by the harness): a resource server, a public client for the code flow (with a user signed in
     * through the API for its refresh token) and a confidential client for client_credentials; for
     * token-authorization-code, the codes (with the SDK client; wrk's are minted by {@link #mintCodes}); for userinfo (and
     * with {@code openIdToken}), an access token with the openid scope from one code redeemed.
     */
    static OAuthScenarios setUp(CognitoIdentityProviderClient idp, OAuthEndpoints endpoints, String poolId, String username,
            String password, LoadOptions options, boolean openIdToken) {
        idp.createResourceServer(r -> r.userPoolId(poolId).identifier("load-api").name("load api")
                .scopes(s -> s.scopeName("read").scopeDescription("read")));
        String web = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("load-web").generateSecret(false)
                .explicitAuthFlowsWithStrings("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlowsWithStrings("code")
                .allowedOAuthScopes("openid", "email", "profile").callbackURLs(CALLBACK).supportedIdentityProviders("COGNITO"))
                .userPoolClient().clientId();
        var m2m = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("load-m2m").generateSecret(true)
                .allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlowsWithStrings("client_credentials")
                .allowedOAuthScopes("load-api/read")).userPoolClient();
        idp.adminCreateUser(r -> r.userPoolId(poolId).username(username).temporaryPassword(password)
                .messageAction(MessageActionType.SUPPRESS));
        idp.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(password).permanent(true));
        String refreshToken = idp.initiateAuth(r -> r.clientId(web).authFlow("USER_PASSWORD_AUTH")
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult().refreshToken();
        String sub = idp.adminGetUser(r -> r.userPoolId(poolId).username(username)).userAttributes().stream()
                .filter(attribute -> attribute.name().equals("sub")).findFirst().orElseThrow().value();
        long now = Instant.now().getEpochSecond();
        var grant = new AuthorizationCode(poolId, web, sub, username, List.of("openid", "email", "profile"),
                CALLBACK, "load-nonce", pkceChallenge(CODE_VERIFIER), "S256", now, now, null);
        OAuthScenarios scenarios = new OAuthScenarios(endpoints, poolId, web, m2m.clientId(), m2m.clientSecret(), refreshToken,
                username, password, grant, new RedisCodeMinter(options.redis()));
        if (options.scenario() == Scenario.TOKEN_AUTHORIZATION_CODE) {
            // wrk's runs mint their own; one here for the check before them
            scenarios.authorizationCodes.addAll(scenarios.mintCodes(options.client() == LoadOptions.Client.SDK ? codesPerRun(options) : 1));
        }
        if (options.scenario() == Scenario.USERINFO || openIdToken) {
            String code = scenarios.mintCodes(1).get(0);
            scenarios.openIdAccessToken = endpoints.token(scenarios.codeForm(code), web, null).path("access_token").asText();
        }
        System.out.println("created user pool " + poolId + " with a resource server, two clients and a user for the run (deleted at the end)");
        return scenarios;
    }

    /** How many codes one run (or its warm-up) gets: one per request at most, and never more than Redis should hold. */
    static int codesPerRun(LoadOptions options) {
        return (int) Math.min(options.maxRequests(), MAX_CODES);
    }

    /** Writes {@code count} new codes for the set-up user and the public client to Redis, as hosted-ui-service does. */
    List<String> mintCodes(int count) {
        List<String> codes = redis.mint(count, grant);
        System.out.printf(Locale.ROOT, "wrote %d authorization codes to Redis%n", count);
        return codes;
    }

    String poolId() {
        return poolId;
    }

    String webClientId() {
        return webClientId;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    /**
     * What wrk sends for {@code scenario}: the same request as {@link #call}; token-authorization-code redeems the codes
     * of {@code codesFile}, one per request, split among wrk's {@code threads}.
     */
    dev.cognate.benchmarks.load.wrk.WrkRequest wrkRequest(Scenario scenario, String codesFile, int threads) {
        return switch (scenario) {
            case TOKEN_AUTHORIZATION_CODE -> dev.cognate.benchmarks.load.wrk.WrkRequest.authorizationCode(codesFile, threads,
                    Map.of("redirect_uri", CALLBACK, "code_verifier", CODE_VERIFIER), webClientId);
            case TOKEN_REFRESH -> dev.cognate.benchmarks.load.wrk.WrkRequest.token("/oauth2/token",
                    Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), webClientId, null);
            case TOKEN_CLIENT_CREDENTIALS -> dev.cognate.benchmarks.load.wrk.WrkRequest.token("/oauth2/token",
                    Map.of("grant_type", "client_credentials", "scope", "load-api/read"), m2mClientId, m2mSecret);
            case DISCOVERY -> dev.cognate.benchmarks.load.wrk.WrkRequest.get("/" + poolId + "/.well-known/openid-configuration");
            case JWKS -> dev.cognate.benchmarks.load.wrk.WrkRequest.get("/" + poolId + "/.well-known/jwks.json");
            case USERINFO -> dev.cognate.benchmarks.load.wrk.WrkRequest.get("/oauth2/userInfo", openIdAccessToken);
            default -> throw new IllegalArgumentException("not an OAuth scenario: " + scenario.cliName());
        };
    }

    /** One request of {@code scenario} (one of {@link Scenario#oauth()}). */
    void call(Scenario scenario) {
        switch (scenario) {
            case TOKEN_AUTHORIZATION_CODE -> redeemCode();
            case TOKEN_REFRESH -> endpoints.token(Map.of("grant_type", "refresh_token", "client_id", webClientId,
                    "refresh_token", refreshToken), webClientId, null);
            case TOKEN_CLIENT_CREDENTIALS -> endpoints.token(Map.of("grant_type", "client_credentials", "scope", "load-api/read"),
                    m2mClientId, m2mSecret);
            case DISCOVERY -> endpoints.get("/" + poolId + "/.well-known/openid-configuration");
            case JWKS -> endpoints.get("/" + poolId + "/.well-known/jwks.json");
            case USERINFO -> endpoints.get("/oauth2/userInfo", openIdAccessToken);
            default -> throw new IllegalArgumentException("not an OAuth scenario: " + scenario.cliName());
        }
    }

    private void redeemCode() {
        String code = authorizationCodes.poll();
        if (code == null) {
            throw new IllegalStateException("out of authorization codes: raise --max-requests or shorten the run");
        }
        endpoints.token(codeForm(code), webClientId, null);
    }

    private Map<String, String> codeForm(String code) {
        return Map.of("grant_type", "authorization_code", "client_id", webClientId, "code", code,
                "redirect_uri", CALLBACK, "code_verifier", CODE_VERIFIER);
    }

    static String pkceChallenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
