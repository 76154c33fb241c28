package dev.cognate.userpool.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.tokens.PublicJwk;
import dev.cognate.tokens.SigningAlgorithm;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * One RSA-2048 signing key of a pool.
 *
 * @param privateKey the key that signs, or {@code null} when only the public part was loaded (verification, JWKS)
 * @param jwk        the public key as a JWK ({@code kid, alg RS256, kty RSA, e, n, use sig}), as Cognito's JWKS lists it
 * @param retiredAt  {@code null} while the key signs
 */
public record SigningKey(String userPoolId, String kid, PrivateKey privateKey, RSAPublicKey publicKey, ObjectNode jwk,
                         Instant createdAt, Instant retiredAt) {

    /** The algorithm of every user-pool token, as Cognito's. */
    public static final SigningAlgorithm ALGORITHM = SigningAlgorithm.RS256;

    /** A new key pair for the pool; its kid is random (Cognito's are opaque base64 strings). */
    public static SigningKey generate(String userPoolId, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            String kid = Base64.getEncoder().encodeToString(uuidBytes(UUID.randomUUID()));
            return new SigningKey(userPoolId, kid, pair.getPrivate(), publicKey, jwk(kid, publicKey), now, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /** The public key as Cognito's JWKS lists it: {@code alg, e, kid, kty, n, use}. */
    public static ObjectNode jwk(String kid, RSAPublicKey key) {
        return PublicJwk.of(kid, ALGORITHM, key);
    }

    public static RSAPublicKey publicKeyOf(ObjectNode jwk) {
        try {
            return (RSAPublicKey) PublicJwk.publicKey(jwk);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("stored JWK is not an RSA key", e);
        }
    }

    public static PrivateKey privateKeyOf(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored private key is not an RSA key", e);
        }
    }

    private static byte[] uuidBytes(UUID uuid) {
        return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }
}
