package dev.cognate.userpool.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's {@code identities} attribute as Cognito writes it: a JSON text holding one entry per provider identity the
 * user signs in with, {@code [{"userId","providerName","providerType","issuer","primary","dateCreated"}]}
 * ({@code primary} a boolean, {@code dateCreated} epoch milliseconds, {@code issuer} null unless the provider names
 * one). A federated user has its own identity; a native user gains one per {@code AdminLinkProviderForUser}.
 */
public record FederatedIdentities(List<Entry> entries) {

    public static final String ATTRIBUTE = "identities";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One provider identity of the user. */
    public record Entry(String userId, String providerName, String providerType, String issuer, boolean primary, Instant dateCreated) {
    }

    public FederatedIdentities {
        entries = List.copyOf(entries);
    }

    /** The identities a stored attribute value holds; none for null or a value that is not Cognito's JSON array. */
    public static FederatedIdentities parse(String value) {
        List<Entry> entries = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return new FederatedIdentities(entries);
        }
        try {
            JsonNode array = JSON.readTree(value);
            for (JsonNode entry : array) {
                entries.add(new Entry(entry.path("userId").asText(null), entry.path("providerName").asText(null),
                        entry.path("providerType").asText(null), entry.path("issuer").isNull() ? null : entry.path("issuer").asText(null),
                        entry.path("primary").asBoolean(false), Instant.ofEpochMilli(entry.path("dateCreated").asLong(0))));
            }
        } catch (JsonProcessingException e) {
            // an imported value that is not Cognito's format: treated as no identities rather than failing every sign-in
            return new FederatedIdentities(List.of());
        }
        return new FederatedIdentities(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** With {@code entry} added; the first identity of a user is its primary one. */
    public FederatedIdentities with(Entry entry) {
        List<Entry> added = new ArrayList<>(entries);
        added.add(entry);
        return new FederatedIdentities(added);
    }

    /** Without the identities of {@code providerName} whose {@code userId} is {@code userId}. */
    public FederatedIdentities without(String providerName, String userId) {
        return new FederatedIdentities(entries.stream()
                .filter(entry -> !(entry.providerName().equals(providerName) && entry.userId().equals(userId))).toList());
    }

    /** The attribute's value: a JSON text as Cognito stores it. */
    public String toAttribute() {
        return toJson(false).toString();
    }

    /**
     * The ID token's {@code identities} claim: the same entries as a JSON array, with {@code primary} and
     * {@code dateCreated} as strings, as Cognito's ID tokens carry them.
     */
    public ArrayNode toClaim() {
        return toJson(true);
    }

    private ArrayNode toJson(boolean asClaim) {
        ArrayNode array = JSON.createArrayNode();
        for (Entry entry : entries) {
            ObjectNode node = array.addObject();
            if (asClaim) {
                // the ID token's order and string values, as Cognito's tokens carry them
                node.put("dateCreated", String.valueOf(entry.dateCreated().toEpochMilli()));
                node.put("userId", entry.userId());
                node.put("providerName", entry.providerName());
                node.put("providerType", entry.providerType());
                node.put("issuer", entry.issuer());
                node.put("primary", String.valueOf(entry.primary()));
            } else {
                node.put("userId", entry.userId());
                node.put("providerName", entry.providerName());
                node.put("providerType", entry.providerType());
                node.put("issuer", entry.issuer());
                node.put("primary", entry.primary());
                node.put("dateCreated", entry.dateCreated().toEpochMilli());
            }
        }
        return array;
    }
}
