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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;

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

    /** A library that loads but signs something else must never sign tokens: one signature compared with the JDK's. */
    private static void selfTest(Loaded candidate) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024); // the check only: cheap to generate at start-up
            KeyPair pair = generator.generateKeyPair();
            byte[] data = "cognate: libcrypto signs as the JDK does".getBytes(StandardCharsets.US_ASCII);
            Signature jdk = Signature.getInstance("SHA256withRSA");
            jdk.initSign(pair.getPrivate());
            jdk.update(data);
            byte[] expected = jdk.sign();
            Key key = new Key(candidate, pair.getPrivate());
            if (!Arrays.equals(expected, key.sign("RS256", data))) {
                throw new IllegalStateException("libcrypto's RS256 signature differs from the JDK's");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make the self-test's signature", e);
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
