package dev.cognate.userpool.crypto;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cognate.userpool.config.TriggerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts a code or temporary password for a pool's custom sender ({@code CustomEmailSender}, {@code CustomSMSSender}).
 * Cognito encrypts it with the AWS Encryption SDK under the pool's {@code KMSKeyID}; Cognate has no KMS, so it encrypts
 * it as a compact JWE (RSA-OAEP-256 key wrapping, A256GCM content) to the operator's RSA public key
 * ({@code cognate.triggers.custom-sender.public-key}), which the function decrypts with the private key (e.g.
 * {@code compactDecrypt} of the {@code jose} npm package). The header's {@code kid} is the key's RFC 7638 thumbprint, so
 * a function holding several private keys (a rotation) can pick the right one.
 *
 * <p>Built at start-up: a configured key that is not an RSA public key of at least 2048 bits stops the start instead of
 * failing the first sign-up.
 */
@ApplicationScoped
@Startup
public class CustomSenderCodeCipher {

    static final int MIN_KEY_BITS = 2048;

    private final Optional<RSAKey> key;

    @Inject
    public CustomSenderCodeCipher(TriggerConfig config) {
        this(config.customSender().publicKey());
    }

    CustomSenderCodeCipher(Optional<String> publicKeyPem) {
        this.key = publicKeyPem.filter(pem -> !pem.isBlank()).map(CustomSenderCodeCipher::parse);
    }

    /** Whether the operator configured a key; without one no pool may have a custom sender. */
    public boolean configured() {
        return key.isPresent();
    }

    /** The compact JWE of {@code secret}; {@link IllegalStateException} when no key is configured. */
    public String encrypt(String secret) {
        RSAKey publicKey = key.orElseThrow(() -> new IllegalStateException("cognate.triggers.custom-sender.public-key is not set"));
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .keyID(publicKey.getKeyID()).build(), new Payload(secret));
        try {
            jwe.encrypt(new RSAEncrypter(publicKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("the code could not be encrypted for the custom sender: " + e.getMessage(), e);
        }
        return jwe.serialize();
    }

    /** The RSA public key of a PEM {@code PUBLIC KEY} block (SubjectPublicKeyInfo); line breaks and spaces anywhere. */
    static RSAKey parse(String pem) {
        String body = pem.replace("\\n", "\n").strip();
        if (!body.startsWith("-----BEGIN PUBLIC KEY-----") || !body.endsWith("-----END PUBLIC KEY-----")) {
            throw new IllegalArgumentException("cognate.triggers.custom-sender.public-key is not a PEM public key"
                    + " (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)");
        }
        String base64 = body.substring("-----BEGIN PUBLIC KEY-----".length(), body.length() - "-----END PUBLIC KEY-----".length())
                .replaceAll("\\s", "");
        RSAPublicKey publicKey;
        try {
            publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("cognate.triggers.custom-sender.public-key is not an RSA public key: " + e.getMessage(), e);
        }
        if (publicKey.getModulus().bitLength() < MIN_KEY_BITS) {
            throw new IllegalArgumentException("cognate.triggers.custom-sender.public-key has " + publicKey.getModulus().bitLength()
                    + " bits; RSA-OAEP-256 needs at least " + MIN_KEY_BITS);
        }
        try {
            return new RSAKey.Builder(publicKey).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cognate.triggers.custom-sender.public-key: " + e.getMessage(), e);
        }
    }
}
