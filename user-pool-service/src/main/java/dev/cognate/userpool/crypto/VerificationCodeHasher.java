package dev.cognate.userpool.crypto;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.domain.CodePurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time codes (sign-up confirmation, attribute verification, password reset): six random digits, stored only
 * as HMAC-SHA256 under a key derived from the master key ({@code HMAC(master key, "cognate.verification-codes.v1")})
 * over a random per-row salt, the code's owner, purpose and destination (so a code sent to an old address does not
 * verify a new one), and the code. A 6-digit code has only 10^6 values, so a
 * plain salted hash would fall to a brute force of a database copy; the key keeps the codes out of reach of anyone
 * without the master key. Compared in constant time.
 */
@ApplicationScoped
public class VerificationCodeHasher {

    private static final Logger LOG = Logger.getLogger(VerificationCodeHasher.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;
    private static final String LABEL = "cognate.verification-codes.v1";

    private final SecretKeySpec key;
    /** Keys derived from the previous master keys during a rotation: codes issued before it still verify. */
    private final List<SecretKeySpec> previousKeys;

    @Inject
    public VerificationCodeHasher(CognateConfig config) {
        this(config.masterKey(), config.masterKeyPrevious());
    }

    /** @param base64MasterKey base64 of the 32-byte master key, or empty (then codes cannot be issued or checked) */
    public VerificationCodeHasher(Optional<String> base64MasterKey) {
        this(base64MasterKey, Optional.empty());
    }

    /** @param previousBase64MasterKeys the previous master keys of a rotation (comma-separated base64), or empty */
    public VerificationCodeHasher(Optional<String> base64MasterKey, Optional<String> previousBase64MasterKeys) {
        this.key = base64MasterKey.filter(value -> !value.isBlank()).map(VerificationCodeHasher::derive).orElse(null);
        this.previousKeys = Arrays.stream(previousBase64MasterKeys.orElse("").split(","))
                .filter(value -> !value.isBlank()).map(VerificationCodeHasher::derive).toList();
    }

    private static SecretKeySpec derive(String base64MasterKey) {
        return new SecretKeySpec(hmac(new SecretKeySpec(Base64.getDecoder().decode(base64MasterKey.trim()), "HmacSHA256"),
                LABEL.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    /** Six decimal digits from a cryptographically strong generator, leading zeros kept. */
    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** @param destination the address the code was sent to: a code stops matching when the user's address changes */
    public byte[] hash(byte[] salt, String userPoolId, UUID sub, CodePurpose purpose, String destination, String code) {
        if (key == null) {
            LOG.error("cognate.master-key is not set: verification codes cannot be issued or checked");
            throw CognitoException.internalError();
        }
        return hash(key, salt, userPoolId, sub, purpose, destination, code);
    }

    private static byte[] hash(SecretKeySpec key, byte[] salt, String userPoolId, UUID sub, CodePurpose purpose, String destination,
                               String code) {
        byte[] bound = (userPoolId + "\n" + sub + "\n" + purpose.name() + "\n" + destination + "\n" + code).getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[salt.length + bound.length];
        System.arraycopy(salt, 0, message, 0, salt.length);
        System.arraycopy(bound, 0, message, salt.length, bound.length);
        return hmac(key, message);
    }

    /**
     * {@code true} when {@code code} is the one {@code expected} was made from, under the current key or, during a
     * master-key rotation, a previous one (a stored hash does not say which); constant time in each hash comparison.
     */
    public boolean matches(byte[] expected, byte[] salt, String userPoolId, UUID sub, CodePurpose purpose, String destination, String code) {
        boolean matches = MessageDigest.isEqual(expected, hash(salt, userPoolId, sub, purpose, destination, code));
        for (SecretKeySpec previous : previousKeys) {
            matches |= MessageDigest.isEqual(expected, hash(previous, salt, userPoolId, sub, purpose, destination, code));
        }
        return matches;
    }

    /** A stable pseudo-random value for {@code text} (simulated answers about unknown users look the same every time). */
    public byte[] fingerprint(String text) {
        return key == null ? sha256(text) : hmac(key, ("fingerprint\n" + text).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
