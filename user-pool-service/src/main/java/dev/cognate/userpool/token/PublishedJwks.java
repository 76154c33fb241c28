package dev.cognate.userpool.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * A pool's JWKS document ({@code {"keys":[...]}}) serialised once, with a strong ETag over its bytes: the JWKS endpoint
 * writes these bytes as they are instead of building and serialising a JSON tree per request.
 */
public record PublishedJwks(byte[] body, String etag) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static PublishedJwks of(List<SigningKey> keys) {
        ObjectNode document = JSON.createObjectNode();
        ArrayNode list = document.putArray("keys");
        keys.forEach(key -> list.add(key.jwk()));
        try {
            byte[] body = JSON.writeValueAsBytes(document);
            return new PublishedJwks(body, etagOf(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JWKS always serialises", e);
        }
    }

    /** A strong entity tag: the quoted base64url of the first 16 bytes of the body's SHA-256. */
    public static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
