package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.password.PasswordPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * A user pool's top-level settings, read once from their stored wire form ({@link UserPool#settings()}, JSONB,
 * unchanged) into typed members with Cognito's defaults, so that no code reads them by string path. The structured
 * members have views of their own, built from the same settings: {@link PoolSchema}, {@link SignInIdentifiers},
 * {@link AccountRecovery}, {@link AttributeUpdateSettings}, {@link MessageTemplates} and {@link AutoVerification}.
 *
 * @param mfaConfiguration       {@code MfaConfiguration}: OFF (default), ON or OPTIONAL
 * @param tier                   {@code UserPoolTier}: LITE, ESSENTIALS (default) or PLUS
 * @param deletionProtected      {@code DeletionProtection} is ACTIVE
 * @param autoVerifiedAttributes {@code AutoVerifiedAttributes} ({@code email}, {@code phone_number})
 * @param adminCreateUserOnly    {@code AdminCreateUserConfig.AllowAdminCreateUserOnly} (default false)
 * @param lambdaConfig           {@code LambdaConfig} in its wire form (a copy; empty when none)
 * @param passwordPolicy         {@code Policies.PasswordPolicy} with Cognito's defaults
 */
public record PoolSettings(String mfaConfiguration, String tier, boolean deletionProtected, List<String> autoVerifiedAttributes,
                           boolean adminCreateUserOnly, ObjectNode lambdaConfig, PasswordPolicy passwordPolicy) {

    public static PoolSettings of(JsonNode settings) {
        JsonNode lambda = settings.path("LambdaConfig");
        List<String> autoVerified = new ArrayList<>();
        settings.path("AutoVerifiedAttributes").forEach(attribute -> autoVerified.add(attribute.asText()));
        return new PoolSettings(
                settings.path("MfaConfiguration").asText("OFF"),
                settings.path("UserPoolTier").asText("ESSENTIALS"),
                "ACTIVE".equals(settings.path(UserPool.DELETION_PROTECTION).asText()),
                List.copyOf(autoVerified),
                settings.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean(false),
                lambda.isObject() ? ((ObjectNode) lambda).deepCopy() : JsonNodeFactory.instance.objectNode(),
                PasswordPolicy.of(settings));
    }
}
