package dev.cognate.tokens;

import com.nimbusds.jose.JWSAlgorithm;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JWS algorithms Cognate signs or accepts: RSA PKCS#1 v1.5, RSA-PSS and ECDSA. There is deliberately no HMAC
 * ({@code HS*}) and no {@code none}: a token is only ever checked against a public key, so an attacker cannot turn a
 * published RSA key into an HMAC secret (the RS/HS confusion), and an unsigned token never names an allowed algorithm.
 * Which of these a verifier accepts is its own allow-list ({@link JwtVerifier#allowing}).
 */
public enum SigningAlgorithm {
    RS256(JWSAlgorithm.RS256, KeyFamily.RSA),
    RS384(JWSAlgorithm.RS384, KeyFamily.RSA),
    RS512(JWSAlgorithm.RS512, KeyFamily.RSA),
    PS256(JWSAlgorithm.PS256, KeyFamily.RSA),
    PS384(JWSAlgorithm.PS384, KeyFamily.RSA),
    PS512(JWSAlgorithm.PS512, KeyFamily.RSA),
    ES256(JWSAlgorithm.ES256, KeyFamily.EC),
    ES384(JWSAlgorithm.ES384, KeyFamily.EC),
    ES512(JWSAlgorithm.ES512, KeyFamily.EC);

    /** The kind of key an algorithm signs with ({@code kty} of its JWK). */
    public enum KeyFamily { RSA, EC }

    private final JWSAlgorithm jws;
    private final KeyFamily family;

    SigningAlgorithm(JWSAlgorithm jws, KeyFamily family) {
        this.jws = jws;
        this.family = family;
    }

    /** The algorithm an {@code alg} header names, when it is one of these (exact, case-sensitive, RFC 7518 §3.1). */
    public static Optional<SigningAlgorithm> named(String alg) {
        return Arrays.stream(values()).filter(value -> value.name().equals(alg)).findFirst();
    }

    public KeyFamily family() {
        return family;
    }

    JWSAlgorithm jws() {
        return jws;
    }
}
