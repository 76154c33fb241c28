package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.validation.UserPoolSettingsRules;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The configuration members of a user pool, read from a CreateUserPool or UpdateUserPool request in
 * their wire form: each member's JSON type and enum values are checked here, their inner members by
 * {@link UserPoolSettingsRules}, and members the request leaves out take Cognito's defaults — on update
 * too, as Cognito resets unspecified settings. Nothing is returned unless every rule holds.
 */
public final class UserPoolSettings {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A configuration member: wire name, JSON type, allowed values (for enums or arrays of enums), default. */
    private record Member(String name, JsonNodeType type, List<String> allowed, boolean immutable, Supplier<JsonNode> defaultValue) {
    }

    private static final List<Member> MEMBERS = List.of(
            member("Policies", JsonNodeType.OBJECT, UserPoolSettingsRules::defaultPolicies),
            enumMember("DeletionProtection", List.of("ACTIVE", "INACTIVE"), "INACTIVE"),
            member("LambdaConfig", JsonNodeType.OBJECT, JSON::objectNode),
            enumArray("AutoVerifiedAttributes", List.of("phone_number", "email"), false),
            enumArray("AliasAttributes", List.of("phone_number", "email", "preferred_username"), true),
            enumArray("UsernameAttributes", List.of("phone_number", "email"), true),
            member("SmsVerificationMessage", JsonNodeType.STRING, null),
            member("EmailVerificationMessage", JsonNodeType.STRING, null),
            member("EmailVerificationSubject", JsonNodeType.STRING, null),
            member("VerificationMessageTemplate", JsonNodeType.OBJECT,
                    () -> JSON.objectNode().put("DefaultEmailOption", "CONFIRM_WITH_CODE")),
            member("SmsAuthenticationMessage", JsonNodeType.STRING, null),
            enumMember("MfaConfiguration", List.of("OFF", "ON", "OPTIONAL"), "OFF"),
            member("UserAttributeUpdateSettings", JsonNodeType.OBJECT, null),
            member("DeviceConfiguration", JsonNodeType.OBJECT, null),
            member("EmailConfiguration", JsonNodeType.OBJECT,
                    () -> JSON.objectNode().put("EmailSendingAccount", "COGNITO_DEFAULT")),
            member("SmsConfiguration", JsonNodeType.OBJECT, null),
            member("AdminCreateUserConfig", JsonNodeType.OBJECT,
                    () -> JSON.objectNode().put("AllowAdminCreateUserOnly", false).put("UnusedAccountValidityDays", 7)),
            new Member("Schema", JsonNodeType.ARRAY, null, true, null),
            member("UserPoolAddOns", JsonNodeType.OBJECT, null),
            new Member("UsernameConfiguration", JsonNodeType.OBJECT, null, true, null),
            member("AccountRecoverySetting", JsonNodeType.OBJECT, null),
            enumMember("UserPoolTier", List.of("LITE", "ESSENTIALS", "PLUS"), "ESSENTIALS"));

    private UserPoolSettings() {
    }

    /** The settings of a new pool from a CreateUserPool request. */
    public static ObjectNode forCreate(JsonNode request, UserPoolSettingsRules rules) {
        Validation validation = Validation.of();
        ObjectNode settings = JSON.objectNode();
        for (Member member : MEMBERS) {
            apply(member, request, settings, validation, rules);
        }
        validation.check(!(settings.has("AliasAttributes") && settings.has("UsernameAttributes")),
                "Value at 'aliasAttributes' failed to satisfy constraint: AliasAttributes and UsernameAttributes cannot be set together");
        validation.throwIfInvalid();
        rules.crossMember(settings, request, false);
        return renameSchema(settings);
    }

    /**
     * The settings after an UpdateUserPool request: immutable members kept, the others as given or defaulted.
     *
     * @param otherMfaFactorOn whether TOTP or email MFA is on for the pool (so MFA may be ON/OPTIONAL without SMS)
     */
    public static ObjectNode forUpdate(JsonNode request, ObjectNode current, UserPoolSettingsRules rules, boolean otherMfaFactorOn) {
        Validation validation = Validation.of();
        ObjectNode settings = JSON.objectNode();
        for (Member member : MEMBERS) {
            if (member.immutable()) {
                String stored = member.name().equals("Schema") ? "SchemaAttributes" : member.name();
                if (current.has(stored)) {
                    settings.set(stored, current.get(stored));
                }
            } else {
                apply(member, request, settings, validation, rules);
            }
        }
        validation.throwIfInvalid();
        rules.crossMember(settings, request, otherMfaFactorOn);
        return settings;
    }

    private static void apply(Member member, JsonNode request, ObjectNode settings, Validation validation, UserPoolSettingsRules rules) {
        JsonNode value = request.get(member.name());
        if (value == null || value.isNull()) {
            if (member.defaultValue() != null) {
                settings.set(member.name(), member.defaultValue().get());
            }
            return;
        }
        if (value.getNodeType() != member.type()) {
            throw new CognitoException("SerializationException", "Unexpected value type for member '" + member.name() + "'.");
        }
        if (member.allowed() != null) {
            String path = Character.toLowerCase(member.name().charAt(0)) + member.name().substring(1);
            if (value.isArray()) {
                for (JsonNode element : value) {
                    validation.oneOf(path + ".member", element.asText(), member.allowed());
                }
            } else {
                validation.oneOf(path, value.asText(), member.allowed());
            }
        }
        settings.set(member.name(), rules.member(member.name(), value, validation));
    }

    /** Cognito takes {@code Schema} on create and describes the whole schema, standard attributes included, as {@code SchemaAttributes}. */
    private static ObjectNode renameSchema(ObjectNode settings) {
        settings.set("SchemaAttributes", PoolSchema.forCreate(settings.remove("Schema")).toWire());
        return settings;
    }

    private static Member member(String name, JsonNodeType type, Supplier<JsonNode> defaultValue) {
        return new Member(name, type, null, false, defaultValue);
    }

    private static Member enumMember(String name, List<String> allowed, String defaultValue) {
        return new Member(name, JsonNodeType.STRING, allowed, false, () -> JSON.textNode(defaultValue));
    }

    private static Member enumArray(String name, List<String> allowed, boolean immutable) {
        return new Member(name, JsonNodeType.ARRAY, allowed, immutable, null);
    }

    /** Reads {@code UserPoolTags}: a map of strings, at most 50 entries. */
    public static Map<String, String> tags(JsonNode request) {
        JsonNode tags = request.get("UserPoolTags");
        if (tags == null || tags.isNull()) {
            return Map.of();
        }
        if (!tags.isObject()) {
            throw new CognitoException("SerializationException", "Unexpected value type for member 'UserPoolTags'.");
        }
        Map<String, String> result = new java.util.LinkedHashMap<>();
        tags.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new CognitoException("SerializationException", "Unexpected value type for member 'UserPoolTags'.");
            }
            result.put(entry.getKey(), entry.getValue().asText());
        });
        Validation.of().range("userPoolTags", result.size(), 0, 50).throwIfInvalid();
        return result;
    }
}
