package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a PreTokenGeneration function's answer changes in the tokens, read once from the answer and then applied to
 * the claims about to be signed.
 *
 * <ul>
 *   <li>V1_0, {@code response.claimsOverrideDetails {claimsToAddOrOverride (string values), claimsToSuppress,
 *       groupOverrideDetails}}: the ID token's claims; the groups in both tokens.</li>
 *   <li>V2_0/V3_0, {@code response.claimsAndScopeOverrideDetails {idTokenGeneration {claimsToAddOrOverride,
 *       claimsToSuppress}, accessTokenGeneration {claimsToAddOrOverride, claimsToSuppress, scopesToAdd, scopesToSuppress},
 *       groupOverrideDetails}}: claim values may be strings, numbers, booleans, arrays or JSON objects — except in the ID
 *       token's {@code email_verified}, {@code phone_number_verified}, {@code updated_at} and {@code address}, which stay
 *       simple values; scope changes become the access token's {@code scope} claim.</li>
 * </ul>
 * As Cognito: a claim both added and suppressed is suppressed; the claims Cognito keeps to itself ({@link #RESERVED}
 * and every other {@code cognito:} claim: groups, roles and preferred role change only through
 * {@code groupOverrideDetails}) are left as they are when a function names them; {@code groupOverrideDetails} replaces
 * {@code cognito:groups} in both tokens and {@code cognito:roles}/{@code cognito:preferred_role} in the ID token (an
 * empty object removes them; absent or null keeps them). A malformed answer is {@code InvalidLambdaResponseException}.
 */
public record PreTokenCustomization(Map<String, JsonNode> idTokenAdd, Set<String> idTokenSuppress,
                                    Map<String, JsonNode> accessTokenAdd, Set<String> accessTokenSuppress,
                                    List<String> scopesToAdd, List<String> scopesToSuppress,
                                    List<String> groups, List<String> roles, String preferredRole) {

    public static final PreTokenCustomization NONE = new PreTokenCustomization(Map.of(), Set.of(), Map.of(), Set.of(), List.of(),
            List.of(), null, null, null);

    /**
     * Claims a function cannot add, override or suppress: the tokens' identity, audience, client, times, protocol and
     * device claims, from Cognito's documented list; {@code scope} changes only through {@code scopesToAdd} /
     * {@code scopesToSuppress}.
     */
    static final Set<String> RESERVED = Set.of("acr", "amr", "at_hash", "aud", "auth_time", "azp", "c_hash", "client_id",
            "device_key", "event_id", "exp", "iat", "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "scope", "sub",
            "token_use", "username", "version", "cognito:username");
    /** ID token claims whose value stays a string, number or boolean, even in V2_0/V3_0. */
    static final Set<String> SIMPLE_ID_CLAIMS = Set.of("email_verified", "phone_number_verified", "updated_at", "address");

    /** Reads a V1_0 answer. */
    static PreTokenCustomization ofV1(JsonNode answer) {
        JsonNode details = answer.path("response").path("claimsOverrideDetails");
        if (absent(details)) {
            return NONE;
        }
        requireObject(details);
        Map<String, JsonNode> add = claims(details.path("claimsToAddOrOverride"), true, Set.of());
        Set<String> suppress = suppressed(details.path("claimsToSuppress"));
        return withGroups(details.path("groupOverrideDetails"), add, suppress, Map.of(), Set.of(), List.of(), List.of());
    }

    /** Reads a V2_0 or V3_0 answer; a client-credentials token has no ID token and no groups, so only its access part counts. */
    static PreTokenCustomization ofV2(JsonNode answer, PreTokenGenerationTrigger.Source source) {
        JsonNode details = answer.path("response").path("claimsAndScopeOverrideDetails");
        if (absent(details)) {
            return NONE;
        }
        requireObject(details);
        JsonNode id = details.path("idTokenGeneration");
        Map<String, JsonNode> idAdd = Map.of();
        Set<String> idSuppress = Set.of();
        if (!absent(id)) {
            requireObject(id);
            idAdd = claims(id.path("claimsToAddOrOverride"), false, SIMPLE_ID_CLAIMS);
            idSuppress = suppressed(id.path("claimsToSuppress"));
        }
        JsonNode access = details.path("accessTokenGeneration");
        Map<String, JsonNode> accessAdd = Map.of();
        Set<String> accessSuppress = Set.of();
        List<String> scopesToAdd = List.of();
        List<String> scopesToSuppress = List.of();
        if (!absent(access)) {
            requireObject(access);
            accessAdd = claims(access.path("claimsToAddOrOverride"), false, Set.of());
            accessSuppress = suppressed(access.path("claimsToSuppress"));
            scopesToAdd = scopes(access.path("scopesToAdd"));
            scopesToSuppress = scopes(access.path("scopesToSuppress"));
        }
        if (source == PreTokenGenerationTrigger.Source.CLIENT_CREDENTIALS) {
            return new PreTokenCustomization(Map.of(), Set.of(), accessAdd, accessSuppress, scopesToAdd, scopesToSuppress, null, null, null);
        }
        return withGroups(details.path("groupOverrideDetails"), idAdd, idSuppress, accessAdd, accessSuppress, scopesToAdd, scopesToSuppress);
    }

    private static PreTokenCustomization withGroups(JsonNode groupOverride, Map<String, JsonNode> idAdd, Set<String> idSuppress,
                                                    Map<String, JsonNode> accessAdd, Set<String> accessSuppress,
                                                    List<String> scopesToAdd, List<String> scopesToSuppress) {
        if (absent(groupOverride)) {
            return new PreTokenCustomization(idAdd, idSuppress, accessAdd, accessSuppress, scopesToAdd, scopesToSuppress, null, null, null);
        }
        requireObject(groupOverride);
        JsonNode preferred = groupOverride.path("preferredRole");
        if (!absent(preferred) && !preferred.isTextual()) {
            throw LambdaTriggers.invalidResponse();
        }
        return new PreTokenCustomization(idAdd, idSuppress, accessAdd, accessSuppress, scopesToAdd, scopesToSuppress,
                strings(groupOverride.path("groupsToOverride")), strings(groupOverride.path("iamRolesToOverride")),
                preferred.isTextual() ? preferred.asText() : null);
    }

    public void applyToIdToken(ObjectNode claims) {
        if (groups != null) {
            claims.remove(List.of("cognito:groups", "cognito:roles", "cognito:preferred_role"));
            putList(claims, "cognito:groups", groups);
            putList(claims, "cognito:roles", roles);
            if (preferredRole != null) {
                claims.put("cognito:preferred_role", preferredRole);
            }
        }
        idTokenAdd.forEach((name, value) -> claims.set(name, value.deepCopy()));
        idTokenSuppress.forEach(claims::remove);
    }

    public void applyToAccessToken(ObjectNode claims) {
        if (groups != null) {
            claims.remove("cognito:groups");
            putList(claims, "cognito:groups", groups);
        }
        accessTokenAdd.forEach((name, value) -> claims.set(name, value.deepCopy()));
        accessTokenSuppress.forEach(claims::remove);
        if (scopesToAdd.isEmpty() && scopesToSuppress.isEmpty()) {
            return;
        }
        Set<String> scopes = new LinkedHashSet<>();
        String current = claims.path("scope").asText("");
        if (!current.isBlank()) {
            scopes.addAll(Arrays.asList(current.trim().split(" +")));
        }
        scopes.addAll(scopesToAdd);
        scopesToSuppress.forEach(scopes::remove);
        if (scopes.isEmpty()) {
            claims.remove("scope");
        } else {
            claims.put("scope", String.join(" ", scopes));
        }
    }

    private static void putList(ObjectNode claims, String name, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = claims.putArray(name);
            values.forEach(array::add);
        }
    }

    static boolean isChangeable(String claim) {
        return !RESERVED.contains(claim) && !claim.startsWith("cognito:");
    }

    private static Map<String, JsonNode> claims(JsonNode node, boolean stringsOnly, Set<String> simpleOnly) {
        Map<String, JsonNode> claims = new LinkedHashMap<>();
        if (absent(node)) {
            return claims;
        }
        requireObject(node);
        node.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            boolean valid = stringsOnly ? value.isTextual()
                    : value.isTextual() || value.isNumber() || value.isBoolean()
                    || ((value.isArray() || value.isObject()) && !simpleOnly.contains(entry.getKey()));
            if (!valid) {
                throw LambdaTriggers.invalidResponse();
            }
            if (isChangeable(entry.getKey())) {
                claims.put(entry.getKey(), stringsOnly ? TextNode.valueOf(value.asText()) : value);
            }
        });
        return claims;
    }

    private static Set<String> suppressed(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        strings(node).stream().filter(PreTokenCustomization::isChangeable).forEach(names::add);
        return names;
    }

    /** Scope names as an access token's {@code scope} claim holds them: non-empty, no whitespace. */
    private static List<String> scopes(JsonNode node) {
        List<String> scopes = strings(node);
        for (String scope : scopes) {
            if (scope.isEmpty() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw LambdaTriggers.invalidResponse();
            }
        }
        return List.copyOf(new LinkedHashSet<>(scopes));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (absent(node)) {
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

    private static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    private static void requireObject(JsonNode node) {
        if (!node.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
    }
}
