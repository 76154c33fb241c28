package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cognito's PreTokenGeneration trigger, event version 1 ({@code PreTokenGenerationConfig.LambdaVersion} V1_0): before
 * ID and access tokens are minted the function sees the user's attributes and group configuration, and its
 * {@code claimsOverrideDetails} may add or override ID token claims ({@code claimsToAddOrOverride}, string values),
 * suppress ID token claims ({@code claimsToSuppress}), and replace the groups ({@code groupOverrideDetails}:
 * {@code cognito:groups} in both tokens, {@code cognito:roles} and {@code cognito:preferred_role} in the ID token).
 * Claims Cognito keeps to itself ({@link #PROTECTED}, and any other {@code cognito:} claim) are left as they are.
 */
@ApplicationScoped
public class PreTokenGenerationTrigger {

    public static final String NAME = "PreTokenGeneration";

    /** Where tokens are minted, as {@code triggerSource}. */
    public enum Source {
        AUTHENTICATION("TokenGeneration_Authentication"),
        REFRESH_TOKENS("TokenGeneration_RefreshTokens"),
        HOSTED_AUTH("TokenGeneration_HostedAuth");

        private final String triggerSource;

        Source(String triggerSource) {
            this.triggerSource = triggerSource;
        }

        public String triggerSource() {
            return triggerSource;
        }
    }

    /** Claims a function cannot add, override or suppress: the token's identity, audience, times and protocol claims. */
    static final Set<String> PROTECTED = Set.of("acr", "amr", "at_hash", "aud", "auth_time", "azp", "c_hash", "exp", "iat",
            "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use", "event_id", "cognito:username");

    /**
     * The function's changes. {@code groups} is null when it did not override them; {@code roles} and
     * {@code preferredRole} then do not apply either.
     */
    public record Customization(Map<String, String> addOrOverride, Set<String> suppress, List<String> groups, List<String> roles,
                                String preferredRole) {

        public static final Customization NONE = new Customization(Map.of(), Set.of(), null, null, null);

        public void applyToIdToken(ObjectNode claims) {
            if (groups != null) {
                claims.remove(List.of("cognito:groups", "cognito:roles", "cognito:preferred_role"));
                if (!groups.isEmpty()) {
                    ArrayNode names = claims.putArray("cognito:groups");
                    groups.forEach(names::add);
                }
                if (!roles.isEmpty()) {
                    ArrayNode arns = claims.putArray("cognito:roles");
                    roles.forEach(arns::add);
                }
                if (preferredRole != null) {
                    claims.put("cognito:preferred_role", preferredRole);
                }
            }
            suppress.forEach(claims::remove);
            addOrOverride.forEach(claims::put);
        }

        public void applyToAccessToken(ObjectNode claims) {
            if (groups != null) {
                claims.remove("cognito:groups");
                if (!groups.isEmpty()) {
                    ArrayNode names = claims.putArray("cognito:groups");
                    groups.forEach(names::add);
                }
            }
        }
    }

    private final LambdaTriggers triggers;

    public PreTokenGenerationTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    /**
     * @param lambdaConfig    the pool's {@code LambdaConfig}
     * @param userAttributes  the user's attributes ({@code sub} and {@code cognito:user_status} included, as Cognito sends them)
     * @param idTokenClaims   the ID token's claims before the trigger (its groups, roles and preferred role are the
     *                        event's {@code groupConfiguration})
     */
    public Uni<Customization> run(String poolId, ObjectNode lambdaConfig, Source source, String userName, String clientId,
                                  Map<String, String> userAttributes, ObjectNode idTokenClaims) {
        LambdaTriggers.requireRunnable(lambdaConfig);
        String target = lambdaConfig.path("PreTokenGenerationConfig").path("LambdaArn").asText(lambdaConfig.path(NAME).asText(null));
        if (target == null || target.isEmpty()) {
            return Uni.createFrom().item(Customization.NONE);
        }
        ObjectNode event = TriggerEvents.envelope("1", source.triggerSource(), poolId, userName, clientId);
        ObjectNode request = (ObjectNode) event.get("request");
        request.set("userAttributes", TriggerEvents.stringMap(userAttributes));
        ObjectNode groupConfiguration = request.putObject("groupConfiguration");
        groupConfiguration.set("groupsToOverride", idTokenClaims.path("cognito:groups").isArray()
                ? idTokenClaims.get("cognito:groups").deepCopy() : groupConfiguration.arrayNode());
        groupConfiguration.set("iamRolesToOverride", idTokenClaims.path("cognito:roles").isArray()
                ? idTokenClaims.get("cognito:roles").deepCopy() : groupConfiguration.arrayNode());
        if (idTokenClaims.hasNonNull("cognito:preferred_role")) {
            groupConfiguration.put("preferredRole", idTokenClaims.get("cognito:preferred_role").asText());
        } else {
            groupConfiguration.putNull("preferredRole");
        }
        ((ObjectNode) event.get("response")).putNull("claimsOverrideDetails");
        return triggers.invoke(poolId, NAME, target, event).map(PreTokenGenerationTrigger::customizationOf);
    }

    static Customization customizationOf(JsonNode answer) {
        JsonNode details = answer.path("response").path("claimsOverrideDetails");
        if (details.isMissingNode() || details.isNull()) {
            return Customization.NONE;
        }
        if (!details.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        Map<String, String> add = new LinkedHashMap<>();
        JsonNode toAdd = details.path("claimsToAddOrOverride");
        if (!toAdd.isMissingNode() && !toAdd.isNull()) {
            if (!toAdd.isObject()) {
                throw LambdaTriggers.invalidResponse();
            }
            toAdd.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isTextual()) {
                    throw LambdaTriggers.invalidResponse();
                }
                if (isChangeable(entry.getKey())) {
                    add.put(entry.getKey(), entry.getValue().asText());
                }
            });
        }
        Set<String> suppress = new LinkedHashSet<>();
        strings(details.path("claimsToSuppress")).stream().filter(PreTokenGenerationTrigger::isChangeable).forEach(suppress::add);
        JsonNode groupOverride = details.path("groupOverrideDetails");
        if (groupOverride.isMissingNode() || groupOverride.isNull()) {
            return new Customization(add, suppress, null, null, null);
        }
        if (!groupOverride.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        JsonNode preferred = groupOverride.path("preferredRole");
        if (!preferred.isMissingNode() && !preferred.isNull() && !preferred.isTextual()) {
            throw LambdaTriggers.invalidResponse();
        }
        return new Customization(add, suppress, strings(groupOverride.path("groupsToOverride")),
                strings(groupOverride.path("iamRolesToOverride")), preferred.isTextual() ? preferred.asText() : null);
    }

    private static boolean isChangeable(String claim) {
        return !PROTECTED.contains(claim) && !claim.startsWith("cognito:");
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw LambdaTriggers.invalidResponse();
        }
        node.forEach(value -> {
            if (!value.isTextual()) {
                throw LambdaTriggers.invalidResponse();
            }
            values.add(value.asText());
        });
        return values;
    }
}
