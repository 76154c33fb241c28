package dev.cognate.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;

/**
 * A token that parsed as a compact JWS with an allowed algorithm and a {@code kid}, whose signature is NOT checked yet.
 * Its claims may only be used to choose where the keys come from (e.g. the pool an {@code iss} names); nothing else
 * may be trusted until {@link JwtVerifier#verify} answers a {@link VerifiedJwt}.
 */
public final class UnverifiedJwt {

    private final JWSObject jws;
    private final SigningAlgorithm algorithm;
    private final String kid;
    private final ObjectNode claims;

    UnverifiedJwt(JWSObject jws, SigningAlgorithm algorithm, String kid, ObjectNode claims) {
        this.jws = jws;
        this.algorithm = algorithm;
        this.kid = kid;
        this.claims = claims;
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    public String kid() {
        return kid;
    }

    /** The claims as sent: untrusted (a copy, so a caller cannot change what will be verified). */
    public ObjectNode untrustedClaims() {
        return claims.deepCopy();
    }

    /** The {@code iss} claim as sent (untrusted), or null when absent or not a string. */
    public String untrustedIssuer() {
        return claims.path("iss").isTextual() ? claims.path("iss").asText() : null;
    }

    JWSObject jws() {
        return jws;
    }

    ObjectNode claims() {
        return claims;
    }
}
