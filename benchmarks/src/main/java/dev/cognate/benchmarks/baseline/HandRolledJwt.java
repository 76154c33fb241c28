package dev.cognate.benchmarks.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/**
 * The baseline only: user-pool-service's hand-rolled RS256 {@code token/Jwt} as it was before tokens moved to
 * libs/tokens (Nimbus), kept here so {@code TokenBenchmark} can compare the two. Not used by any service.
 */
public final class HandRolledJwt {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A token split into its parts, signature not yet checked. */
    public record Parsed(ObjectNode header, ObjectNode claims, String signingInput, byte[] signature) {

        public String kid() {
            return header.path("kid").asText(null);
        }

        public boolean verifiedBy(PublicKey key) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key);
                verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    private HandRolledJwt() {
    }

    public static String sign(ObjectNode claims, String kid, PrivateKey key) {
        ObjectNode header = JSON.createObjectNode().put("kid", kid).put("alg", "RS256");
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + ENCODER.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }

    public static Optional<Parsed> parse(String token) {
        if (token == null || token.length() > 16_384) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            ObjectNode header = (ObjectNode) JSON.readTree(DECODER.decode(parts[0]));
            ObjectNode claims = (ObjectNode) JSON.readTree(DECODER.decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(header, claims, parts[0] + "." + parts[1], DECODER.decode(parts[2])));
        } catch (java.io.IOException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static String encode(ObjectNode node) {
        try {
            return ENCODER.encodeToString(JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
