package dev.cognate.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Public keys as JWKs (RFC 7517) and back. A JWK is rendered with its members in alphabetical order
 * ({@code alg, e, kid, kty, n, use} for RSA), the order Cognito's {@code jwks.json} lists them.
 */
public final class PublicJwk {

    private PublicJwk() {
    }

    /** The public JWK of {@code key} for signatures with {@code algorithm}: {@code kid}, {@code alg}, {@code use: sig}. */
    public static ObjectNode of(String kid, SigningAlgorithm algorithm, PublicKey key) {
        JWK jwk = switch (algorithm.family()) {
            case RSA -> {
                if (!(key instanceof RSAPublicKey rsa)) {
                    throw new IllegalArgumentException(algorithm + " needs an RSA public key");
                }
                yield new RSAKey.Builder(rsa).keyID(kid).algorithm(algorithm.jws()).keyUse(KeyUse.SIGNATURE).build();
            }
            case EC -> {
                if (!(key instanceof ECPublicKey ec)) {
                    throw new IllegalArgumentException(algorithm + " needs an EC public key");
                }
                yield new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).keyID(kid).algorithm(algorithm.jws())
                        .keyUse(KeyUse.SIGNATURE).build();
            }
        };
        return json(jwk);
    }

    /**
     * The Java public key of an RSA or EC JWK.
     *
     * @throws IllegalArgumentException when {@code jwk} is not a well-formed RSA or EC public key
     */
    public static PublicKey publicKey(JsonNode jwk) {
        JWK parsed = parse(jwk);
        try {
            if (parsed instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            if (parsed instanceof ECKey ec) {
                return ec.toECPublicKey();
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not a usable public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not an RSA or EC key: " + parsed.getKeyType());
    }

    /** A public RSA or EC JWK; private members, if a JWKS wrongly carried some, are dropped. */
    static JWK parse(JsonNode jwk) {
        if (jwk == null || !jwk.isObject()) {
            throw new IllegalArgumentException("a JWK is a JSON object");
        }
        try {
            JWK parsed = JWK.parse(Json.MAPPER.writeValueAsString(jwk));
            if (!(parsed instanceof RSAKey) && !(parsed instanceof ECKey)) {
                throw new IllegalArgumentException("not an RSA or EC key: " + parsed.getKeyType());
            }
            return parsed.toPublicJWK();
        } catch (ParseException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JWK: " + e.getMessage(), e);
        }
    }

    private static ObjectNode json(JWK jwk) {
        Map<String, Object> members = new TreeMap<>(jwk.toPublicJWK().toJSONObject());
        return Json.MAPPER.valueToTree(members);
    }
}
