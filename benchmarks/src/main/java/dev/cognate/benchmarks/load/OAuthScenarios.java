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
    private final ConcurrentLinkedQueue<String> authorizationCodes = new ConcurrentLinkedQueue<>();

    private OAuthScenarios(OAuthEndpoints endpoints, String poolId, String webClientId, String m2mClientId, String m2mSecret,
            String refreshToken) {
        this.endpoints = endpoints;
        this.poolId = poolId;
        this.webClientId = webClientId;
        this.m2mClientId = m2mClientId;
        this.m2mSecret = m2mSecret;
        this.refreshToken = refreshToken;
    }

    /**
     * In {@code poolId} (made by the harness): a resource server, a public client for the code flow (with a user signed in
     * through the API for its refresh token) and a confidential client for client_credentials; for
     * token-authorization-code, the codes.
     */
    static OAuthScenarios setUp(CognitoIdentityProviderClient idp, OAuthEndpoints endpoints, String poolId, String username,
            String password, LoadOptions options) {
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
        OAuthScenarios scenarios = new OAuthScenarios(endpoints, poolId, web, m2m.clientId(), m2m.clientSecret(), refreshToken);
        if (options.scenario() == Scenario.TOKEN_AUTHORIZATION_CODE) {
            String sub = idp.adminGetUser(r -> r.userPoolId(poolId).username(username)).userAttributes().stream()
                    .filter(attribute -> attribute.name().equals("sub")).findFirst().orElseThrow().value();
            long now = Instant.now().getEpochSecond();
            var grant = new AuthorizationCode(poolId, web, sub, username, List.of("openid", "email", "profile"),
                    CALLBACK, "load-nonce", pkceChallenge(CODE_VERIFIER), "S256", now, now, null);
            int count = (int) Math.min(options.maxRequests(), MAX_CODES);
            scenarios.authorizationCodes.addAll(new RedisCodeMinter(options.redis()).mint(count, grant));
            System.out.printf(Locale.ROOT, "wrote %d authorization codes to Redis at %s%n", count, options.redis());
        }
        System.out.println("created user pool " + poolId + " with a resource server, two clients and a user for the run (deleted at the end)");
        return scenarios;
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
            default -> throw new IllegalArgumentException("not an OAuth scenario: " + scenario.cliName());
        }
    }

    private void redeemCode() {
        String code = authorizationCodes.poll();
        if (code == null) {
            throw new IllegalStateException("out of authorization codes: raise --max-requests or shorten the run");
        }
        endpoints.token(Map.of("grant_type", "authorization_code", "client_id", webClientId, "code", code,
                "redirect_uri", CALLBACK, "code_verifier", CODE_VERIFIER), webClientId, null);
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
