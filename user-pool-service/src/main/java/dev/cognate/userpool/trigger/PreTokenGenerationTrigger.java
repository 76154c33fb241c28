package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Cognito's PreTokenGeneration trigger, in the event version the pool's {@code PreTokenGenerationConfig.LambdaVersion}
 * names: before ID and access tokens are minted the function sees the user's attributes, group configuration, the
 * caller's {@code ClientMetadata} and (V2_0, V3_0) the access token's scopes, and its answer changes the tokens
 * ({@link PreTokenCustomization}: V1_0 {@code claimsOverrideDetails}, V2_0/V3_0 {@code claimsAndScopeOverrideDetails}).
 * As Cognito, the client-credentials grant calls it only for V3_0 pools; V1_0 and V2_0 pools mint M2M tokens without it.
 */
@ApplicationScoped
public class PreTokenGenerationTrigger {

    public static final String NAME = "PreTokenGeneration";

    /** Where tokens are minted, as {@code triggerSource}. */
    public enum Source {
        /** API sign-in flows (InitiateAuth, AdminInitiateAuth and their challenges). */
        AUTHENTICATION("TokenGeneration_Authentication"),
        /** The tokens that answer a NEW_PASSWORD_REQUIRED challenge. */
        NEW_PASSWORD_CHALLENGE("TokenGeneration_NewPasswordChallenge"),
        /** REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken, {@code /oauth2/token grant_type=refresh_token}. */
        REFRESH_TOKENS("TokenGeneration_RefreshTokens"),
        /** The hosted login's grants: authorization code, implicit. */
        HOSTED_AUTH("TokenGeneration_HostedAuth"),
        /** {@code grant_type=client_credentials}, only in pools whose trigger is V3_0. */
        CLIENT_CREDENTIALS("TokenGeneration_ClientCredentials"),
        /**
         * Cognito's source for the tokens of a remembered device's sign-in: DEVICE_PASSWORD_VERIFIER answered in place of
         * the MFA step (auth/DevicePasswordVerifierChallenge).
         */
        AUTHENTICATE_DEVICE("TokenGeneration_AuthenticateDevice");

        private final String triggerSource;

        Source(String triggerSource) {
            this.triggerSource = triggerSource;
        }

        public String triggerSource() {
            return triggerSource;
        }
    }

    /**
     * What the tokens about to be minted are, as the event shows them: the user's name and attributes ({@code sub} and
     * {@code cognito:user_status} included; empty for a client-credentials token, whose {@code userName} is the client),
     * the ID token's group claims (null for a client-credentials token), the access token's scopes and the caller's
     * {@code ClientMetadata} (null when none was given).
     */
    public record Request(Source source, String userName, String clientId, Map<String, String> userAttributes,
                          ObjectNode idTokenClaims, List<String> scopes, Map<String, String> clientMetadata) {
    }

    private final LambdaTriggers triggers;

    public PreTokenGenerationTrigger(LambdaTriggers triggers) {
        this.triggers = triggers;
    }

    /** The pool's event version ({@code V1_0}, {@code V2_0}, {@code V3_0}); V1_0 when only the legacy member is set. */
    static String lambdaVersion(ObjectNode lambdaConfig) {
        return lambdaConfig.path("PreTokenGenerationConfig").path("LambdaVersion").asText("V1_0");
    }

    /** The changes the pool's function asks for; {@link PreTokenCustomization#NONE} when the pool has no function. */
    public Uni<PreTokenCustomization> run(String poolId, ObjectNode lambdaConfig, Request request) {
        LambdaTriggers.requireRunnable(lambdaConfig);
        String target = lambdaConfig.path("PreTokenGenerationConfig").path("LambdaArn").asText(lambdaConfig.path(NAME).asText(null));
        if (target == null || target.isEmpty()) {
            return Uni.createFrom().item(PreTokenCustomization.NONE);
        }
        String version = lambdaVersion(lambdaConfig);
        if (request.source() == Source.CLIENT_CREDENTIALS && !"V3_0".equals(version)) {
            // Cognito calls V1_0 and V2_0 functions for user tokens only
            return Uni.createFrom().item(PreTokenCustomization.NONE);
        }
        boolean v1 = "V1_0".equals(version);
        ObjectNode event = event(poolId, version, request);
        return triggers.invoke(poolId, NAME, target, event)
                .map(answer -> v1 ? PreTokenCustomization.ofV1(answer) : PreTokenCustomization.ofV2(answer, request.source()));
    }

    /**
     * Cognito's event: {@code version} "1", "2" or "3"; {@code request {userAttributes, groupConfiguration
     * {groupsToOverride, iamRolesToOverride, preferredRole}, scopes (V2_0, V3_0), clientMetadata (when given)}};
     * {@code response {claimsOverrideDetails: null}} (V1_0) or {@code {claimsAndScopeOverrideDetails: null}}.
     */
    static ObjectNode event(String poolId, String version, Request request) {
        boolean v1 = "V1_0".equals(version);
        ObjectNode event = TriggerEvents.envelope(version.substring(1, 2), request.source().triggerSource(), poolId,
                request.userName(), request.clientId());
        ObjectNode body = (ObjectNode) event.get("request");
        body.set("userAttributes", TriggerEvents.stringMap(request.userAttributes() == null ? Map.of() : request.userAttributes()));
        ObjectNode groupConfiguration = body.putObject("groupConfiguration");
        ObjectNode claims = request.idTokenClaims();
        JsonNode groups = claims == null ? null : claims.get("cognito:groups");
        JsonNode roles = claims == null ? null : claims.get("cognito:roles");
        groupConfiguration.set("groupsToOverride", groups != null && groups.isArray() ? groups.deepCopy() : groupConfiguration.arrayNode());
        groupConfiguration.set("iamRolesToOverride", roles != null && roles.isArray() ? roles.deepCopy() : groupConfiguration.arrayNode());
        if (claims != null && claims.hasNonNull("cognito:preferred_role")) {
            groupConfiguration.put("preferredRole", claims.get("cognito:preferred_role").asText());
        } else {
            groupConfiguration.putNull("preferredRole");
        }
        if (!v1) {
            request.scopes().forEach(body.putArray("scopes")::add);
        }
        if (request.clientMetadata() != null) {
            body.set("clientMetadata", TriggerEvents.stringMap(request.clientMetadata()));
        }
        ((ObjectNode) event.get("response")).putNull(v1 ? "claimsOverrideDetails" : "claimsAndScopeOverrideDetails");
        return event;
    }
}
