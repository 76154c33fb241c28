package dev.cognate.identitypool.sts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.secrets.MasterKeyCipher;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Session tokens that need no storage and cannot be forged: the credentials (access key id, secret, identity, role,
 * session name, expiry, issue time, principal tags) sealed with AES-GCM under the master key, bound to the context {@value #CONTEXT}. Only a holder of the
 * master key can make one or read the secret out of one; a changed byte fails the GCM tag.
 */
@ApplicationScoped
public class SessionTokens {

    static final String CONTEXT = "cognate-sts-session-token:v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MasterKeyCipher cipher;

    public SessionTokens(MasterKeyCipher cipher) {
        this.cipher = cipher;
    }

    public String seal(SessionCredentials credentials) {
        ObjectNode payload = JSON.createObjectNode()
                .put("akid", credentials.accessKeyId())
                .put("secret", credentials.secretAccessKey())
                .put("identityId", credentials.identityId())
                .put("roleArn", credentials.roleArn())
                .put("session", credentials.sessionName())
                .put("exp", credentials.expiration().getEpochSecond())
                .put("iat", credentials.issuedAt().toEpochMilli());
        if (!credentials.principalTags().isEmpty()) {
            ObjectNode tags = payload.putObject("tags");
            credentials.principalTags().forEach(tags::put);
        }
        try {
            return Base64.getEncoder().encodeToString(cipher.encrypt(JSON.writeValueAsString(payload), CONTEXT));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The credentials a token carries, or empty when it is not one this installation sealed (or was changed). */
    public Optional<SessionCredentials> open(String token) {
        if (!cipher.hasKey()) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(cipher.decrypt(Base64.getDecoder().decode(token), CONTEXT));
            Map<String, String> tags = new TreeMap<>();
            payload.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
            return Optional.of(new SessionCredentials(payload.path("akid").asText(), payload.path("secret").asText(),
                    payload.path("identityId").asText(), payload.path("roleArn").asText(), payload.path("session").asText(),
                    Instant.ofEpochSecond(payload.path("exp").asLong()), Instant.ofEpochMilli(payload.path("iat").asLong()), tags));
        } catch (IllegalArgumentException | IllegalStateException | JsonProcessingException e) {
            // not base64, too short, wrong tag, another key or context: not ours
            return Optional.empty();
        }
    }
}
