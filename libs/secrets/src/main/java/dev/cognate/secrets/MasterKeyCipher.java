package dev.cognate.secrets;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * AES-256-GCM under the installation's master key ({@code cognate.master-key}, base64 of 32 bytes), shared by
 * every service that seals or opens a secret: user-pool-service (client secrets, signing keys, the codes it
 * puts on {@code cognate.messages}) and trigger-runner (which opens those codes to deliver them).
 *
 * <p>Sealed form: {@code [format 0x01][key id, 4 bytes][nonce, 12 random bytes][ciphertext + 16-byte tag]}.
 * The key id (the first 4 bytes of SHA-256 over a label and the key) names the key that sealed a value,
 * so a later key ring can hold the old key for decryption while new values use the new one. Every value is
 * bound to its context (for example {@code app-client-secret:<secretId>}) as additional authenticated data,
 * so a ciphertext copied to another row or event does not open.
 *
 * <p>A malformed key is refused at construction. A missing key is not (an installation may run without
 * secrets): {@link #encrypt} and {@link #decrypt} then fail with {@link MissingKeyException}, whose
 * message says how to set one.
 */
public final class MasterKeyCipher {

    private static final byte FORMAT = 1;
    private static final int KEY_ID_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** No master key is configured. */
    public static final class MissingKeyException extends IllegalStateException {
        MissingKeyException(String message) {
            super(message);
        }
    }

    private final Optional<SecretKeySpec> key;
    private final byte[] keyId;
    private final String problem;

    /** @param base64Key base64 of 32 random bytes, or empty when none is configured */
    public MasterKeyCipher(Optional<String> base64Key) {
        byte[] raw = null;
        String error = null;
        if (base64Key.isEmpty() || base64Key.get().isBlank()) {
            error = "cognate.master-key is not set (env COGNATE_MASTER_KEY, base64 of 32 random bytes, e.g. `openssl rand -base64 32`);"
                    + " secrets cannot be sealed or opened";
        } else {
            try {
                raw = Base64.getDecoder().decode(base64Key.get().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cognate.master-key is not valid base64");
            }
            if (raw.length != 32) {
                throw new IllegalStateException("cognate.master-key must be base64 of exactly 32 bytes (AES-256), got " + raw.length);
            }
        }
        this.key = Optional.ofNullable(raw).map(bytes -> new SecretKeySpec(bytes, "AES"));
        this.keyId = raw == null ? new byte[KEY_ID_BYTES] : keyId(raw);
        this.problem = error;
    }

    public boolean hasKey() {
        return key.isPresent();
    }

    /** Why there is no key, or {@code null} when there is one. */
    public String problem() {
        return problem;
    }

    public byte[] encrypt(String plaintext, String context) {
        SecretKeySpec secretKey = requireKey();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, secretKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + KEY_ID_BYTES + NONCE_BYTES + sealed.length)
                    .put(FORMAT).put(keyId).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(byte[] stored, String context) {
        SecretKeySpec secretKey = requireKey();
        if (stored.length < 1 + KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8 || stored[0] != FORMAT) {
            throw new IllegalStateException("not a value sealed by MasterKeyCipher (format " + (stored.length == 0 ? "none" : stored[0]) + ")");
        }
        byte[] storedKeyId = Arrays.copyOfRange(stored, 1, 1 + KEY_ID_BYTES);
        if (!MessageDigest.isEqual(storedKeyId, keyId)) {
            throw new IllegalStateException("value sealed under key id " + hex(storedKeyId) + ", configured key is " + hex(keyId));
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, secretKey,
                    new GCMParameterSpec(TAG_BITS, stored, 1 + KEY_ID_BYTES, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            int offset = 1 + KEY_ID_BYTES + NONCE_BYTES;
            return new String(cipher.doFinal(stored, offset, stored.length - offset), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed (wrong key, context or tampered value)", e);
        }
    }

    private SecretKeySpec requireKey() {
        return key.orElseThrow(() -> new MissingKeyException(problem));
    }

    private static byte[] keyId(byte[] raw) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("cognate-master-key-id".getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(sha256.digest(raw), KEY_ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }
}
