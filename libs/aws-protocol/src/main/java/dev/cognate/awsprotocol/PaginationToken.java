package dev.cognate.awsprotocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque {@code NextToken}/{@code PaginationToken} values: the key of the last item shown, base64url
 * encoded with a version prefix, so clients treat it as opaque and a tampered token is refused
 * with {@code InvalidParameterException} instead of being misread.
 */
public final class PaginationToken {

    private static final String PREFIX = "v1:";

    private PaginationToken() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The key after which the next page starts, or {@code null} for the first page. */
    public static String decode(String token) {
        if (token == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX) && decoded.length() > PREFIX.length()) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // fall through: not a token we issued
        }
        throw CognitoException.invalidParameter("Invalid pagination token.");
    }
}
