package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An app client as stored, without its secrets (they live encrypted in {@code app_client_secrets}).
 *
 * @param settings the client's configuration members in their Cognito wire form (CallbackURLs,
 *                 AllowedOAuthFlows, ExplicitAuthFlows, token validities, ...), defaults filled in
 */
public record AppClient(String clientId, String userPoolId, String clientName, ObjectNode settings,
                        Instant creationDate, Instant lastModifiedDate) {

    public List<String> list(String member) {
        List<String> values = new ArrayList<>();
        JsonNode node = settings.path(member);
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
