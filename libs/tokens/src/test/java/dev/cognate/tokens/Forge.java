package dev.cognate.tokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Hand-made tokens for the negative corpus: any header, any payload, signed with the JDK alone (or not at all). */
final class Forge {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Forge() {
    }

    static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code header.payload.signature}, RS256 (SHA256withRSA) or the JDK algorithm named. */
    static String signed(String headerJson, String payloadJson, String jdkAlgorithm, PrivateKey key) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        return input + "." + B64.encodeToString(sign(input, jdkAlgorithm, key));
    }

    static String rs256(String headerJson, String payloadJson, PrivateKey key) {
        return signed(headerJson, payloadJson, "SHA256withRSA", key);
    }

    /** HS256 with {@code secret} as the HMAC key: the RS/HS confusion uses the RSA public key's bytes here. */
    static String hs256(String headerJson, String payloadJson, byte[] secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sign(String input, String jdkAlgorithm, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(jdkAlgorithm);
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
