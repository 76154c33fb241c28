package dev.cognate.events.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cognate.events.EventJson;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * An authorization code's grant: the one Redis key with two services on it. hosted-ui-service writes it when a browser
 * signs in through {@code /oauth2/authorize} ({@code SET key json EX ttl}, ttl at most {@link #MAX_TTL}); user-pool-service
 * redeems it once at {@code POST /oauth2/token} with {@code GETDEL}, checks the client, the redirect URI and PKCE, and
 * mints the tokens. The key holds the SHA-256 of the code, never the code itself, so reading Redis does not hand out codes.
 * Losing Redis loses the codes in flight: their clients start the sign-in again.
 *
 * @param userPoolId          the pool
 * @param clientId            the client the code was issued to (another client redeeming it gets {@code invalid_grant})
 * @param sub                 the signed-in user's {@code sub}
 * @param username            the user's username (the stored one, as in {@code cognito:username})
 * @param scopes              the granted scopes: requested ∩ the client's {@code AllowedOAuthScopes} (all of them when none was requested)
 * @param redirectUri         the {@code redirect_uri} of the authorization request, which the token request must repeat exactly
 * @param nonce               the request's {@code nonce}, for the ID token; may be null
 * @param codeChallenge       the PKCE challenge; null when none was sent (only confidential clients may omit it)
 * @param codeChallengeMethod {@code S256} when a challenge was sent (the only method accepted), else null
 * @param authTime            when the user authenticated (epoch seconds): the tokens' {@code auth_time}
 * @param issuedAt            when the code was issued (epoch seconds)
 * @param sessionId           the hosted-UI session that issued it (for logging out its tokens later); may be null
 */
public record AuthorizationCode(String userPoolId, String clientId, String sub, String username, List<String> scopes,
                                String redirectUri, String nonce, String codeChallenge, String codeChallengeMethod,
                                long authTime, long issuedAt, String sessionId) {

    /** Codes live at most 5 minutes (RFC 6749 §4.1.2 recommends at most 10). */
    public static final Duration MAX_TTL = Duration.ofMinutes(5);
    private static final String KEY_PREFIX = "cognate:oauth-code:";
    private static final SecureRandom RANDOM = new SecureRandom();

    public AuthorizationCode {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** A new code: 256 random bits, base64url without padding. */
    public static String newCode() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The Redis key of a code: {@code cognate:oauth-code:<hex sha-256 of the code>}. */
    public static String redisKey(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return KEY_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public String toJson() {
        try {
            return EventJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an AuthorizationCode always serialises", e);
        }
    }

    /** Reads a stored grant; anything unreadable throws {@link IllegalArgumentException} (treat it as an unknown code). */
    public static AuthorizationCode fromJson(String json) {
        try {
            return EventJson.MAPPER.readValue(json, AuthorizationCode.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an authorization code grant", e);
        }
    }
}
