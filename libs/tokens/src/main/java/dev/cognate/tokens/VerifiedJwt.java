package dev.cognate.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A token whose signature verified with the key its {@code kid} names and whose claims passed the {@link ClaimChecks}.
 *
 * @param claims the payload as signed, in its own member order (do not modify)
 */
public record VerifiedJwt(SigningAlgorithm algorithm, String kid, ObjectNode claims) {

    /** A string claim, or null when absent or not a string. */
    public String string(String name) {
        return claims.path(name).isTextual() ? claims.path(name).asText() : null;
    }
}
