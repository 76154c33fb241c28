package dev.cognate.userpool.federation.oidc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.TokenRejectedException;
import dev.cognate.tokens.TokenRejectedException.Reason;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * ID tokens an OIDC provider signed with HMAC ({@code HS256}, {@code HS384}, {@code HS512}) keyed with the client secret
 * (OpenID Connect Core §10.1), which Cognito accepts. Only for a provider that has a {@code client_secret} at least as
 * long as the algorithm's hash (RFC 7518 §3.2), so the key is always the secret Cognate holds — never a public key, nothing
 * the token or a JWKS names. The MAC is compared in constant time; the claims are then checked exactly as for public-key
 * tokens ({@link ClaimChecks}). libs/tokens deliberately verifies public-key signatures only, so this shared-secret case
 * lives here, with the JDK's {@code Mac}.
 */
final class HmacIdTokens {

    /** {@code alg} → the JDK's MAC and its minimum key length in bytes. */
    private static final Map<String, Map.Entry<String, Integer>> ALGORITHMS = Map.of(
            "HS256", Map.entry("HmacSHA256", 32), "HS384", Map.entry("HmacSHA384", 48), "HS512", Map.entry("HmacSHA512", 64));
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private HmacIdTokens() {
    }

    /** Whether the token's header names an HMAC algorithm (nothing else of it is trusted here). */
    static boolean isHmac(String token) {
        return algorithm(token).isPresent();
    }

    /** The token's payload, unverified: only to pick the issuer whose checks apply. */
    static Optional<ObjectNode> untrustedClaims(String token) {
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 ? object(parts[1]) : Optional.empty();
    }

    /** The verified claims. @throws TokenRejectedException with the failed check */
    static ObjectNode verify(String token, String clientSecret, ClaimChecks checks) {
        String[] parts = token.split("\\.", -1);
        String alg = algorithm(token).orElseThrow(() -> new TokenRejectedException(Reason.ALGORITHM_NOT_ALLOWED, "not an HMAC token"));
        if (parts.length != 3 || parts[2].isEmpty() || header(parts[0]).map(header -> header.has("crit")).orElse(true)) {
            throw new TokenRejectedException(Reason.MALFORMED, "not a compact JWS without crit");
        }
        Map.Entry<String, Integer> mac = ALGORITHMS.get(alg);
        if (clientSecret == null || clientSecret.getBytes(StandardCharsets.UTF_8).length < mac.getValue()) {
            throw new TokenRejectedException(Reason.KEY_MISMATCH, "no client secret of at least " + mac.getValue() + " bytes for " + alg);
        }
        byte[] expected;
        byte[] signature;
        try {
            Mac hmac = Mac.getInstance(mac.getKey());
            hmac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), mac.getKey()));
            expected = hmac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (Exception e) {
            throw new TokenRejectedException(Reason.MALFORMED, "the signature is not base64url");
        }
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE, "the HMAC does not verify");
        }
        ObjectNode claims = object(parts[1]).orElseThrow(() -> new TokenRejectedException(Reason.MALFORMED, "the payload is not a JSON object"));
        checks.check(claims);
        return claims;
    }

    private static Optional<String> algorithm(String token) {
        if (token == null || token.isEmpty() || token.length() > JwtVerifier.MAX_TOKEN_LENGTH || token.indexOf('.') < 1) {
            return Optional.empty();
        }
        return header(token.substring(0, token.indexOf('.')))
                .map(header -> header.path("alg").isTextual() ? header.path("alg").asText() : "")
                .filter(ALGORITHMS::containsKey);
    }

    private static Optional<ObjectNode> header(String part) {
        return object(part);
    }

    private static Optional<ObjectNode> object(String part) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
