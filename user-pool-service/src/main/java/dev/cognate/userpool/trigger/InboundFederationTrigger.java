package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Cognito's inbound federation trigger ({@code InboundFederation_ExternalProvider}), run on every federated sign-in
 * before the provider's {@code AttributeMapping}: the event carries the provider ({@code providerName},
 * {@code providerType}) and what it answered ({@code attributes}: {@code tokenResponse}, {@code idToken},
 * {@code userInfo} for OIDC and social providers, {@code samlResponse} for SAML; absent members left out); the answer's
 * {@code response.userAttributesToMap} is what the mapping then reads instead of the provider's attributes — every
 * attribute to keep must be in it; {@code {}} (or no member) keeps the provider's attributes as they were. A member that
 * is not a string map is an unrecognizable answer.
 */
@ApplicationScoped
public class InboundFederationTrigger {

    public static final String NAME = "InboundFederation";
    public static final String EXTERNAL_PROVIDER = "InboundFederation_ExternalProvider";

    /** The provider's answer as the event's {@code request.attributes} shows it (null members are left out). */
    public record ProviderAnswer(Map<String, String> tokenResponse, Map<String, String> idToken, Map<String, String> userInfo,
                                 Map<String, String> samlResponse) {
    }

    private final LambdaTriggers triggers;

    public InboundFederationTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    /**
     * @param userName           the federated user's name ({@code {ProviderName}_{subject}})
     * @param providerAttributes the provider's attributes the mapping would read
     * @return the attributes the mapping reads: the function's {@code userAttributesToMap}, or {@code providerAttributes}
     *         when the pool has no InboundFederation trigger or the function answered {@code {}}
     */
    public Uni<Map<String, String>> run(String poolId, ObjectNode lambdaConfig, String userName, String clientId, String providerName,
                                        String providerType, ProviderAnswer answer, Map<String, String> providerAttributes) {
        LambdaTriggers.requireRunnable(lambdaConfig);
        String target = lambdaConfig.path(NAME).path("LambdaArn").asText(null);
        if (target == null) {
            return Uni.createFrom().item(providerAttributes);
        }
        ObjectNode event = TriggerEvents.envelope("1", EXTERNAL_PROVIDER, poolId, userName, clientId);
        ObjectNode request = (ObjectNode) event.get("request");
        request.put("providerName", providerName);
        request.put("providerType", providerType);
        ObjectNode attributes = request.putObject("attributes");
        putIfPresent(attributes, "tokenResponse", answer.tokenResponse());
        putIfPresent(attributes, "idToken", answer.idToken());
        putIfPresent(attributes, "userInfo", answer.userInfo());
        putIfPresent(attributes, "samlResponse", answer.samlResponse());
        ((ObjectNode) event.get("response")).putObject("userAttributesToMap");
        return triggers.invoke(poolId, NAME, target, event).map(reply -> attributesToMap(reply, providerAttributes));
    }

    static Map<String, String> attributesToMap(JsonNode reply, Map<String, String> providerAttributes) {
        JsonNode response = reply.path("response");
        if (response.isMissingNode() || response.isNull()) {
            return providerAttributes;
        }
        if (!response.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        Map<String, String> toMap = TriggerAnswers.strings(response, "userAttributesToMap");
        return toMap.isEmpty() ? providerAttributes : toMap;
    }

    private static void putIfPresent(ObjectNode attributes, String name, Map<String, String> values) {
        if (values != null) {
            attributes.set(name, TriggerEvents.stringMap(values));
        }
    }
}
