package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cognate.awsprotocol.CognitoException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pool's attribute schema: Cognito's standard attributes (as DescribeUserPool lists them, with the
 * pool's overrides of {@code Required}, {@code Mutable} and string constraints) followed by its
 * {@code custom:} attributes. Stored in the settings' {@code SchemaAttributes}; a pool stored with only
 * some standard attributes gets the rest from {@link #STANDARD}.
 */
public final class PoolSchema {

    public static final int MAX_CUSTOM_ATTRIBUTES = 50;
    public static final int MAX_STRING_LENGTH = 2048;
    static final Pattern CUSTOM_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final List<String> DATA_TYPES = List.of("String", "Number", "DateTime", "Boolean");

    /** Cognito's standard attributes, in DescribeUserPool's order. */
    public static final List<AttributeDefinition> STANDARD = List.of(
            new AttributeDefinition("sub", "String", false, false, true, 1, MAX_STRING_LENGTH, null, null),
            text("name"), text("given_name"), text("family_name"), text("middle_name"), text("nickname"),
            text("preferred_username"), text("profile"), text("picture"), text("website"), text("email"),
            bool("email_verified"), text("gender"),
            new AttributeDefinition("birthdate", "String", false, true, false, 10, 10, null, null),
            text("zoneinfo"), text("locale"), text("phone_number"), bool("phone_number_verified"), text("address"),
            new AttributeDefinition("updated_at", "Number", false, true, false, null, null, BigDecimal.ZERO, null),
            new AttributeDefinition("identities", "String", false, true, false, null, null, null, null));

    private final Map<String, AttributeDefinition> attributes;

    private PoolSchema(Map<String, AttributeDefinition> attributes) {
        this.attributes = attributes;
    }

    /** The schema held in a pool's settings. */
    public static PoolSchema of(JsonNode settings) {
        Map<String, AttributeDefinition> attributes = standardMap();
        for (JsonNode stored : settings.path("SchemaAttributes")) {
            AttributeDefinition definition = AttributeDefinition.fromWire(stored);
            attributes.put(definition.name(), definition);
        }
        return new PoolSchema(attributes);
    }

    /**
     * The full schema of a new pool from CreateUserPool's {@code Schema}: standard attributes take the
     * given {@code Required}, {@code Mutable} and string constraints; any other name becomes {@code custom:<Name>}.
     */
    public static PoolSchema forCreate(JsonNode schema) {
        Map<String, AttributeDefinition> attributes = standardMap();
        if (schema == null || schema.isNull()) {
            return new PoolSchema(attributes);
        }
        if (schema.size() > MAX_CUSTOM_ATTRIBUTES) {
            throw CognitoException.invalidParameter("1 validation error detected: Value at 'schema' failed to satisfy constraint:"
                    + " Member must have length less than or equal to " + MAX_CUSTOM_ATTRIBUTES);
        }
        for (JsonNode entry : schema) {
            String name = entry.path("Name").asText(null);
            AttributeDefinition standard = name == null ? null : attributes.get(name);
            AttributeDefinition definition = standard != null && !standard.custom() ? overridden(standard, entry) : customAttribute(entry);
            if (definition.custom() && attributes.containsKey(definition.name())) {
                throw CognitoException.invalidParameter("Existing attribute already has name " + definition.name() + ".");
            }
            attributes.put(definition.name(), definition);
        }
        return new PoolSchema(attributes);
    }

    /** This schema with custom attributes added (AddCustomAttributes): names must be new, at most 50 custom attributes in all. */
    public PoolSchema withCustomAttributes(List<AttributeDefinition> added) {
        Map<String, AttributeDefinition> result = new LinkedHashMap<>(attributes);
        for (AttributeDefinition definition : added) {
            if (result.putIfAbsent(definition.name(), definition) != null) {
                throw CognitoException.invalidParameter("Existing attribute already has name " + definition.name() + ".");
            }
        }
        long custom = attributes.values().stream().filter(AttributeDefinition::custom).count();
        if (custom + added.size() > MAX_CUSTOM_ATTRIBUTES) {
            throw CognitoException.invalidParameter("A user pool can have at most " + MAX_CUSTOM_ATTRIBUTES
                    + " custom attributes; it has " + custom + " and the request adds " + added.size() + ".");
        }
        return new PoolSchema(result);
    }

    /**
     * Beyond Cognito ({@code CognateAdmin.UpdateUserPoolSchema}): this schema with one attribute's
     * {@code Required}, {@code Mutable} or constraints changed. Its name and data type stay; {@code sub}
     * never changes; custom attributes stay optional, as Cognito's clients expect.
     */
    public PoolSchema withAttributeChanged(JsonNode change) {
        String name = change.path("Name").asText("");
        AttributeDefinition current = attributes.get(name);
        if (current == null) {
            throw CognitoException.invalidParameter("The user pool has no attribute " + name + ".");
        }
        if ("sub".equals(name) || "identities".equals(name)) {
            throw CognitoException.invalidParameter(name + " is managed by Cognate and cannot be changed.");
        }
        if (change.hasNonNull("AttributeDataType") && !change.get("AttributeDataType").asText().equals(current.dataType())) {
            throw CognitoException.invalidParameter(name + ": the data type of an attribute cannot be changed.");
        }
        boolean required = change.path("Required").asBoolean(current.required());
        if (required && current.custom()) {
            throw CognitoException.invalidParameter("Required custom attributes are not supported currently.");
        }
        Integer[] lengths = change.has("StringAttributeConstraints") ? stringConstraints(name, current.dataType(), change)
                : new Integer[] {current.minLength(), current.maxLength()};
        BigDecimal[] values = change.has("NumberAttributeConstraints") ? numberConstraints(name, current.dataType(), change)
                : new BigDecimal[] {current.minValue(), current.maxValue()};
        Map<String, AttributeDefinition> result = new LinkedHashMap<>(attributes);
        result.put(name, new AttributeDefinition(name, current.dataType(), current.developerOnly(),
                change.path("Mutable").asBoolean(current.mutable()), required, lengths[0], lengths[1], values[0], values[1]));
        return new PoolSchema(result);
    }

    /** Beyond Cognito: this schema without a custom attribute (standard attributes cannot be removed). */
    public PoolSchema without(String name) {
        AttributeDefinition current = attributes.get(name);
        if (current == null) {
            throw CognitoException.invalidParameter("The user pool has no attribute " + name + ".");
        }
        if (!current.custom()) {
            throw CognitoException.invalidParameter(name + " is a standard attribute; only custom attributes can be removed.");
        }
        Map<String, AttributeDefinition> result = new LinkedHashMap<>(attributes);
        result.remove(name);
        return new PoolSchema(result);
    }

    public Optional<AttributeDefinition> find(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public Collection<AttributeDefinition> all() {
        return attributes.values();
    }

    public List<AttributeDefinition> required() {
        return attributes.values().stream().filter(AttributeDefinition::required).toList();
    }

    /** {@code SchemaAttributes} as DescribeUserPool returns and the settings store it. */
    public ArrayNode toWire() {
        ArrayNode wire = JsonNodeFactory.instance.arrayNode();
        attributes.values().forEach(definition -> wire.add(definition.toWire()));
        return wire;
    }

    /**
     * A custom attribute from its {@code SchemaAttributeType} (CreateUserPool's {@code Schema},
     * AddCustomAttributes): named {@code custom:<Name>} — so a name that already starts with
     * {@code custom:} gets the prefix twice, as in Cognito — never required, mutable unless said otherwise.
     */
    public static AttributeDefinition customAttribute(JsonNode entry) {
        String name = entry.path("Name").asText("");
        if (name.isEmpty() || name.length() > 20 || !CUSTOM_NAME.matcher(name).matches()) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + name
                    + "' at 'customAttributes.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + CUSTOM_NAME.pattern() + " and have length between 1 and 20");
        }
        String type = entry.path("AttributeDataType").asText("String");
        if (!DATA_TYPES.contains(type)) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + type
                    + "' at 'customAttributes.member.attributeDataType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + DATA_TYPES);
        }
        if (entry.path("Required").asBoolean(false)) {
            throw CognitoException.invalidParameter("Required custom attributes are not supported currently.");
        }
        String qualified = AttributeDefinition.CUSTOM_PREFIX + name;
        Integer[] lengths = stringConstraints(qualified, type, entry);
        BigDecimal[] values = numberConstraints(qualified, type, entry);
        return new AttributeDefinition(qualified, type, entry.path("DeveloperOnlyAttribute").asBoolean(false),
                entry.path("Mutable").asBoolean(true), false,
                lengths[0] != null || !"String".equals(type) ? lengths[0] : Integer.valueOf(0),
                lengths[1] != null || !"String".equals(type) ? lengths[1] : Integer.valueOf(MAX_STRING_LENGTH),
                values[0], values[1]);
    }

    private static AttributeDefinition overridden(AttributeDefinition standard, JsonNode entry) {
        String type = entry.path("AttributeDataType").asText(standard.dataType());
        if (!type.equals(standard.dataType())) {
            throw CognitoException.invalidParameter(standard.name() + ": the data type of a standard attribute is "
                    + standard.dataType() + " and cannot be changed.");
        }
        if ("sub".equals(standard.name())) {
            return standard;
        }
        Integer[] lengths = entry.has("StringAttributeConstraints")
                ? stringConstraints(standard.name(), type, entry)
                : new Integer[] {standard.minLength(), standard.maxLength()};
        return new AttributeDefinition(standard.name(), type, false,
                entry.path("Mutable").asBoolean(standard.mutable()),
                entry.path("Required").asBoolean(standard.required()),
                lengths[0] != null ? lengths[0] : standard.minLength(),
                lengths[1] != null ? lengths[1] : standard.maxLength(),
                standard.minValue(), standard.maxValue());
    }

    private static Integer[] stringConstraints(String name, String type, JsonNode entry) {
        JsonNode constraints = entry.get("StringAttributeConstraints");
        if (constraints == null || constraints.isNull()) {
            return new Integer[2];
        }
        if (!"String".equals(type)) {
            throw CognitoException.invalidParameter(name + ": StringAttributeConstraints apply only to attributes of type String.");
        }
        Integer min = nonNegativeInteger(name, "MinLength", constraints.get("MinLength"));
        Integer max = nonNegativeInteger(name, "MaxLength", constraints.get("MaxLength"));
        if ((max != null && max > MAX_STRING_LENGTH) || (min != null && min > MAX_STRING_LENGTH) || (min != null && max != null && min > max)) {
            throw CognitoException.invalidParameter(name + ": MinLength and MaxLength must satisfy 0 <= MinLength <= MaxLength <= "
                    + MAX_STRING_LENGTH + ".");
        }
        return new Integer[] {min, max};
    }

    private static BigDecimal[] numberConstraints(String name, String type, JsonNode entry) {
        JsonNode constraints = entry.get("NumberAttributeConstraints");
        if (constraints == null || constraints.isNull()) {
            return new BigDecimal[2];
        }
        if (!"Number".equals(type)) {
            throw CognitoException.invalidParameter(name + ": NumberAttributeConstraints apply only to attributes of type Number.");
        }
        BigDecimal min = number(name, "MinValue", constraints.get("MinValue"));
        BigDecimal max = number(name, "MaxValue", constraints.get("MaxValue"));
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw CognitoException.invalidParameter(name + ": MinValue must not be greater than MaxValue.");
        }
        return new BigDecimal[] {min, max};
    }

    private static Integer nonNegativeInteger(String attribute, String member, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.asText());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw CognitoException.invalidParameter(attribute + ": " + member + " must be a non-negative integer, not '" + value.asText() + "'.");
    }

    private static BigDecimal number(String attribute, String member, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            throw CognitoException.invalidParameter(attribute + ": " + member + " must be a number, not '" + value.asText() + "'.");
        }
    }

    private static Map<String, AttributeDefinition> standardMap() {
        Map<String, AttributeDefinition> map = new LinkedHashMap<>();
        STANDARD.forEach(definition -> map.put(definition.name(), definition));
        return map;
    }

    private static AttributeDefinition text(String name) {
        return new AttributeDefinition(name, "String", false, true, false, 0, MAX_STRING_LENGTH, null, null);
    }

    private static AttributeDefinition bool(String name) {
        return new AttributeDefinition(name, "Boolean", false, true, false, null, null, null, null);
    }

    /** The names of the standard attributes. */
    public static List<String> standardNames() {
        List<String> names = new ArrayList<>();
        STANDARD.forEach(definition -> names.add(definition.name()));
        return names;
    }
}
