package dev.cognate.secrets;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AES-256-GCM under the installation's master key ({@code cognate.master-key}, base64 of 32 bytes), shared by
 * every service that seals or opens a secret: user-pool-service (client secrets, signing keys, the codes it
 * puts on {@code cognate.messages}), identity-pool-service and trigger-runner (which opens those codes to deliver them).
 *
 * <p>Sealed form: {@code [format 0x01][key id, 4 bytes][nonce, 12 random bytes][ciphertext + 16-byte tag]}.
 * The key id (the first 4 bytes of SHA-256 over a label and the key) names the key that sealed a value. Every value
 * is bound to its context (for example {@code app-client-secret:<secretId>}) as additional authenticated data,
 * so a ciphertext copied to another row or event does not open.
 *
 * <p><b>Key ring.</b> New values are always sealed under the current key; {@link #decrypt} picks the key by the
 * value's key id among the current key and the previous keys ({@code cognate.master-key-previous}, comma-separated),
 * so a rotation is: make the new key current and the old one previous, re-seal stored values under the new key
 * ({@link #reseal}, {@link #sealedUnderCurrentKey}), then drop the previous key. Every value this class ever sealed
 * carries a key id (the format has had it from the start), so there is no key-less legacy form to guess at.
 *
 * <p>A malformed key is refused at construction, current or previous. A missing current key is not (an
 * installation may run without secrets): {@link #encrypt} and {@link #decrypt} then fail with
 * {@link MissingKeyException}, whose message says how to set one.
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
    /** Every key that opens values, by hex key id: the current one first, then the previous ones. */
    private final Map<String, SecretKeySpec> ring;
    private final String problem;

    /** @param base64Key base64 of 32 random bytes, or empty when none is configured */
    public MasterKeyCipher(Optional<String> base64Key) {
        this(base64Key, Optional.empty());
    }

    /**
     * @param base64Key          the current key: base64 of 32 random bytes, or empty when none is configured
     * @param previousBase64Keys keys that only open values (comma-separated base64), kept while stored values are
     *                           re-sealed under the current key; empty or blank for none
     */
    public MasterKeyCipher(Optional<String> base64Key, Optional<String> previousBase64Keys) {
        byte[] raw = null;
        String error = null;
        if (base64Key.isEmpty() || base64Key.get().isBlank()) {
            error = "cognate.master-key is not set (env COGNATE_MASTER_KEY, base64 of 32 random bytes, e.g. `openssl rand -base64 32`);"
                    + " secrets cannot be sealed or opened";
        } else {
            raw = decodeKey(base64Key.get(), "cognate.master-key");
        }
        List<byte[]> previous = new ArrayList<>();
        for (String entry : previousBase64Keys.orElse("").split(",")) {
            if (!entry.isBlank()) {
                previous.add(decodeKey(entry, "cognate.master-key-previous"));
            }
        }
        if (raw == null && !previous.isEmpty()) {
            throw new IllegalStateException("cognate.master-key-previous is set but cognate.master-key is not: the current key seals, "
                    + "previous keys only open; set the new key as cognate.master-key");
        }
        this.key = Optional.ofNullable(raw).map(bytes -> new SecretKeySpec(bytes, "AES"));
        this.keyId = raw == null ? new byte[KEY_ID_BYTES] : keyId(raw);
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        if (raw != null) {
            keys.put(hex(keyId), key.get());
        }
        for (byte[] old : previous) {
            keys.putIfAbsent(hex(keyId(old)), new SecretKeySpec(old, "AES"));
        }
        this.ring = Map.copyOf(keys);
        this.problem = error;
    }

    public boolean hasKey() {
        return key.isPresent();
    }

    /** Why there is no key, or {@code null} when there is one. */
    public String problem() {
        return problem;
    }

    /** The hex id of the current key (what {@link #encrypt} writes into a value), or empty without a key. */
    public Optional<String> currentKeyId() {
        return key.map(k -> hex(keyId));
    }

    /** The hex ids of the keys that open values: the current one and the previous ones. */
    public Set<String> keyIds() {
        return ring.keySet();
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
        requireKey();
        String storedKeyId = hex(storedKeyId(stored));
        SecretKeySpec secretKey = ring.get(storedKeyId);
        if (secretKey == null) {
            throw new IllegalStateException("value sealed under key id " + storedKeyId + ", configured keys are " + ring.keySet()
                    + " (current " + hex(keyId) + "); is its key missing from cognate.master-key-previous?");
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

    /** Whether {@code stored} was sealed under the current key (a re-seal job skips those). */
    public boolean sealedUnderCurrentKey(byte[] stored) {
        return key.isPresent() && MessageDigest.isEqual(storedKeyId(stored), keyId);
    }

    /**
     * Opens {@code stored} with whichever key of the ring sealed it and seals the plaintext again under the current
     * key, in the same context; fails like {@link #decrypt} when it does not open.
     */
    public byte[] reseal(byte[] stored, String context) {
        return encrypt(decrypt(stored, context), context);
    }

    private static byte[] storedKeyId(byte[] stored) {
        if (stored.length < 1 + KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8 || stored[0] != FORMAT) {
            throw new IllegalStateException("not a value sealed by MasterKeyCipher (format " + (stored.length == 0 ? "none" : stored[0]) + ")");
        }
        return Arrays.copyOfRange(stored, 1, 1 + KEY_ID_BYTES);
    }

    private SecretKeySpec requireKey() {
        return key.orElseThrow(() -> new MissingKeyException(problem));
    }

    private static byte[] decodeKey(String base64, String name) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(name + " must be base64 of exactly 32 bytes (AES-256), got " + raw.length);
        }
        return raw;
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
        return HexFormat.of().formatHex(bytes);
    }
}
