package dev.cognate.userpool.federation.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.tokens.JwtSigner;
import dev.cognate.tokens.SigningAlgorithm;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Sign in with Apple's client secret: a JWT signed ES256 with the provider's {@code private_key} (the {@code .p8} key,
 * PKCS#8 PEM), header {@code kid} = {@code key_id}, claims {@code iss} = {@code team_id}, {@code sub} = {@code client_id}
 * (the Services ID), {@code aud} = Apple's issuer ({@code https://appleid.apple.com}), {@code iat} now and {@code exp}
 * five minutes later (Apple allows up to six months; a short one is worthless to whoever might see it).
 */
final class AppleClientSecret {

    static final long LIFETIME_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AppleClientSecret() {
    }

    /** @throws IllegalArgumentException when the details hold no usable P-256 private key */
    static String of(Map<String, String> details, String audience, Instant now) {
        PrivateKey key = privateKey(details.get("private_key"));
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", details.get("team_id"))
                .put("iat", now.getEpochSecond())
                .put("exp", now.getEpochSecond() + LIFETIME_SECONDS)
                .put("aud", audience)
                .put("sub", details.get("client_id"));
        return JwtSigner.of(SigningAlgorithm.ES256, details.get("key_id"), key).sign(claims);
    }

    static PrivateKey privateKey(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("no private_key");
        }
        String base64 = pem.replace("\\n", "\n")
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalArgumentException("private_key is not a PKCS#8 EC key", e);
        }
    }
}
