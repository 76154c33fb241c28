package dev.cognate.userpool.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636), S256 only: a grant with a challenge needs a {@code code_verifier} of 43–128
 * unreserved characters whose BASE64URL(SHA-256) equals it (compared in constant time); a verifier sent for a grant
 * without a challenge is refused too, so that an attacker cannot downgrade a PKCE flow (RFC 9700 §2.1.1).
 */
public final class Pkce {

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private Pkce() {
    }

    /** Fails with {@code invalid_grant} unless {@code verifier} answers {@code challenge} (null: the grant has none). */
    public static void check(String challenge, String verifier) {
        if (challenge == null) {
            if (verifier != null) {
                throw OAuthException.invalidGrant("A code_verifier was sent for an authorization code issued without code_challenge.");
            }
            return;
        }
        if (verifier == null) {
            throw OAuthException.invalidGrant("The authorization code was issued with a code_challenge: code_verifier is required.");
        }
        if (!VERIFIER.matcher(verifier).matches()) {
            throw OAuthException.invalidGrant("The code_verifier is not 43 to 128 characters of [A-Za-z0-9-._~].");
        }
        byte[] expected = challenge.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII), expected)) {
            throw OAuthException.invalidGrant("The code_verifier does not match the code_challenge.");
        }
    }

    /** BASE64URL-ENCODE(SHA256(ASCII(verifier))), without padding. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
