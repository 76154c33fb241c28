package dev.cognate.tokens;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * RSASSA-PKCS1-v1_5 signatures by the system's OpenSSL 3 libcrypto ({@code libcrypto.so.3}: Debian/Ubuntu {@code libssl3},
 * RHEL/UBI {@code openssl-libs}, Alpine {@code libcrypto3}) through JNA: {@code EVP_DigestSign} with the key imported once
 * ({@code d2i_AutoPrivateKey}) and freed when its {@link Key} is unreachable.
 *
 * <p>Why: a token endpoint's CPU is mostly RSA private-key operations (two per sign-in or refresh), and OpenSSL's are about
 * three times cheaper than the JDK's on the same core (benchmarks/README.md, "RSA signatures"). The signature bytes are the
 * same: PKCS#1 v1.5 is deterministic, which {@link #requireAvailable} checks at start-up against the JDK.
 *
 * <p>64-bit Linux only ({@code size_t} and {@code long} are 64 bits there); anywhere else {@link #requireAvailable} fails.
 */
final class OpenSslRsa {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final Object LOCK = new Object();
    private static volatile Loaded loaded;

    private OpenSslRsa() {
    }

    /** The libcrypto functions used here (OpenSSL 3.0 names). */
    interface LibCrypto extends Library {
        Pointer d2i_AutoPrivateKey(Pointer existing, PointerByReference derCursor, NativeLong length);

        void EVP_PKEY_free(Pointer key);

        Pointer EVP_MD_fetch(Pointer libraryContext, String algorithm, String properties);

        Pointer EVP_MD_CTX_new();

        void EVP_MD_CTX_free(Pointer context);

        int EVP_DigestSignInit(Pointer context, Pointer keyContext, Pointer digest, Pointer engine, Pointer key);

        int EVP_DigestSign(Pointer context, byte[] signature, LongByReference signatureLength, byte[] data, long dataLength);

        NativeLong ERR_get_error();

        void ERR_error_string_n(NativeLong error, byte[] buffer, long length);
    }

    /**
     * libcrypto and the digests, fetched once (an implicit fetch per signature costs a lookup under a lock). A class, not a
     * record: it never crosses a boundary, and native pointers are not data.
     */
    private static final class Loaded {

        private final LibCrypto library;
        private final Pointer sha256;
        private final Pointer sha384;
        private final Pointer sha512;

        Loaded(LibCrypto library, Pointer sha256, Pointer sha384, Pointer sha512) {
            this.library = library;
            this.sha256 = sha256;
            this.sha384 = sha384;
            this.sha512 = sha512;
        }

        LibCrypto library() {
            return library;
        }

        Pointer digest(String jwsAlgorithm) {
            return switch (jwsAlgorithm) {
                case "RS256" -> sha256;
                case "RS384" -> sha384;
                case "RS512" -> sha512;
                default -> throw new IllegalArgumentException("OpenSSL signs RS256, RS384 and RS512 here, not " + jwsAlgorithm);
            };
        }
    }

    /**
     * Loads libcrypto and checks that it signs exactly as the JDK does, or fails with a message that says what to install
     * or which key to set.
     */
    static void requireAvailable(String configKey) {
        try {
            library();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(configKey + " is native, but OpenSSL 3's libcrypto cannot sign here (" + e.getMessage()
                    + "): install it (Debian/Ubuntu libssl3, RHEL/UBI openssl-libs, Alpine libcrypto3) or set " + configKey + "=java", e);
        }
    }

    private static Loaded library() {
        Loaded current = loaded;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (loaded == null) {
                if (!"linux".equalsIgnoreCase(System.getProperty("os.name")) || Native.SIZE_T_SIZE != 8 || Native.LONG_SIZE != 8) {
                    throw new IllegalStateException("the native RSA binding supports 64-bit Linux only");
                }
                LibCrypto library = Native.load("libcrypto.so.3", LibCrypto.class);
                Loaded candidate = new Loaded(library, fetch(library, "SHA256"), fetch(library, "SHA384"), fetch(library, "SHA512"));
                selfTest(candidate);
                loaded = candidate;
            }
            return loaded;
        }
    }

    private static Pointer fetch(LibCrypto library, String digest) {
        Pointer md = library.EVP_MD_fetch(null, digest, null);
        if (md == null) {
            throw new IllegalStateException("libcrypto has no " + digest + ": " + errors(library));
        }
        return md;
    }

    /**
     * The self-test's RSA key (1,024 bits, PKCS#8, made for this check only and public: it signs nothing else) and the
     * JDK's RS256 signature of {@link #SELF_TEST_DATA} with it. Recorded rather than generated at start-up, where a key
     * generation and the JDK's signature cost a cold JVM ~0.1 s of the 3 s readiness budget; NativeRsaSignerTest checks
     * that the JDK still makes exactly this signature.
     */
    static final String SELF_TEST_KEY = "MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAIBn/q+VDfBRNOJKBhyhvOpn6E2sIlgx7YzpDH6qbzb8WM7dKMw8" +
            "NQVWFqN6K9DqNn5iRuXgMpACEo+rou8JNMIH7xb+Ou106XToHuk4y6pDApfIGrEniBuzoBirVSC4irY1j9hY1aoPW/VLGZexb2Rz" +
            "jJlA6qw73T3YENCAmJfVAgMBAAECgYAfFo6P/ht40oBmRRvDtNjjO7L/kyxhg/0Kf6X5yNPSUThDJUJqaC1CFHy4qayQERSOdsbJ" +
            "gwVa3lWWGS0CiI0QEUWDYboYfSQzOVNex7NSm3yhcH/NQ+WWLrAkumwUEY/mRfIjaVhbYfuNhUI3yDo4zGuEGy5c45SuTna9CGoa" +
            "IQJBALc9G8rVSRf6w00T0L7qZhP9lcv6vMPSOmE0/4u9nvzz4iG8aztjxLR2ocAl9pCOgX4c1z3Bx9jw84IJqW8eXEkCQQCzZPZr" +
            "05OQRrMQu2xz+SPOOiebhqbvOXwf1Sg3P1/THPx60cZYUnBUL1+x3xLqR9Jg7t68Z3FmRQvD/1HOGWctAkBuzzWPY4vgRHT2l5UU" +
            "3wr76846nFaq1OcZAcPH7dPHhHSrkhYGxD6gI12NpWeF46fLbAV+A0Gnn46ihNVBrUqBAkEAsjY9OrbPpAcoAho+ziMVN9y71hv5" +
            "IDOaJEFsFx5FAoOMKjLU+I7E+kypoxj5QHYi/5qs+LtGgxNacdXlHXpM7QJBALBDkvU5o1JlCkJ7JAqsEgEBPz8f7I3HtWkFZu7u" +
            "+CzOqqQymUQXVQliBDOS+Ob9bzdLYKSbP6B3nARlprrPSls=";
    static final byte[] SELF_TEST_DATA = "cognate: libcrypto signs as the JDK does".getBytes(StandardCharsets.US_ASCII);
    static final String SELF_TEST_SIGNATURE = "KccCl7fwS774g2rACeidx5Msix2G66oQARpe/aaitrE0QdZmwhpHH8sdMZ2abjfgWAlY3t+ptsUxhX8oVRjQ87t/gRIKaI6P9Dze" +
            "yp4vvG4PyYQyx3bapQutFYLHvcs/Z+pVDjOh8FSkO656HNr6UwTTRh527gjb/VO+1HyO0xI=";

    /** A library that loads but signs something else must never sign tokens: one signature compared with the JDK's. */
    private static void selfTest(Loaded candidate) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(SELF_TEST_KEY)));
            if (!Arrays.equals(Base64.getDecoder().decode(SELF_TEST_SIGNATURE), new Key(candidate, key).sign("RS256", SELF_TEST_DATA))) {
                throw new IllegalStateException("libcrypto's RS256 signature differs from the JDK's");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot read the self-test's key", e);
        }
    }

    /** An imported private key; its native copy is freed when this object becomes unreachable. Thread-safe. */
    static final class Key {

        private final Loaded library;
        private final Pointer evpKey;
        private final int signatureLength;

        Key(PrivateKey key) {
            this(library(), key);
        }

        private Key(Loaded library, PrivateKey key) {
            if (!(key instanceof RSAPrivateKey rsa)) {
                throw new IllegalArgumentException("not an RSA private key");
            }
            this.library = library;
            this.signatureLength = (rsa.getModulus().bitLength() + 7) / 8;
            byte[] pkcs8 = key.getEncoded();
            if (pkcs8 == null) {
                throw new IllegalArgumentException("the RSA private key cannot be exported (PKCS#8) to libcrypto");
            }
            Memory der = new Memory(pkcs8.length);
            try {
                der.write(0, pkcs8, 0, pkcs8.length);
                Pointer imported = library.library().d2i_AutoPrivateKey(null, new PointerByReference(der), new NativeLong(pkcs8.length));
                if (imported == null) {
                    throw new IllegalArgumentException("libcrypto refused the RSA private key: " + errors(library.library()));
                }
                this.evpKey = imported;
            } finally {
                der.clear();
                Arrays.fill(pkcs8, (byte) 0);
            }
            LibCrypto crypto = library.library();
            Pointer toFree = evpKey;
            CLEANER.register(this, () -> crypto.EVP_PKEY_free(toFree));
        }

        /** The signature of {@code data} for {@code RS256}, {@code RS384} or {@code RS512}. */
        byte[] sign(String jwsAlgorithm, byte[] data) {
            LibCrypto crypto = library.library();
            Pointer digest = library.digest(jwsAlgorithm);
            Pointer context = crypto.EVP_MD_CTX_new();
            if (context == null) {
                throw new IllegalStateException("libcrypto could not allocate a digest context");
            }
            try {
                if (crypto.EVP_DigestSignInit(context, null, digest, null, evpKey) != 1) {
                    throw new IllegalStateException("EVP_DigestSignInit failed: " + errors(crypto));
                }
                byte[] signature = new byte[signatureLength];
                LongByReference length = new LongByReference(signature.length);
                if (crypto.EVP_DigestSign(context, signature, length, data, data.length) != 1) {
                    throw new IllegalStateException("EVP_DigestSign failed: " + errors(crypto));
                }
                return length.getValue() == signature.length ? signature : Arrays.copyOf(signature, (int) length.getValue());
            } finally {
                crypto.EVP_MD_CTX_free(context);
                Reference.reachabilityFence(this); // evpKey must not be freed while libcrypto uses it
            }
        }
    }

    /** Drains this thread's OpenSSL error queue into one message. */
    private static String errors(LibCrypto library) {
        StringBuilder message = new StringBuilder();
        byte[] buffer = new byte[256];
        for (NativeLong error = library.ERR_get_error(); error.longValue() != 0; error = library.ERR_get_error()) {
            library.ERR_error_string_n(error, buffer, buffer.length);
            int end = 0;
            while (end < buffer.length && buffer[end] != 0) {
                end++;
            }
            message.append(message.length() == 0 ? "" : "; ").append(new String(buffer, 0, end, StandardCharsets.US_ASCII));
        }
        return message.length() == 0 ? "no error reported" : message.toString();
    }
}
