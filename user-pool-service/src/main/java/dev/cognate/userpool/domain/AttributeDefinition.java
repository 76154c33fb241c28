package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * One attribute of a pool's schema ({@code SchemaAttributeType}): a standard attribute or a
 * {@code custom:} one, with its type, mutability, whether users must have it, and its constraints.
 *
 * @param minLength  for String attributes, or {@code null}
 * @param maxLength  for String attributes, or {@code null}
 * @param minValue   for Number attributes, or {@code null}
 * @param maxValue   for Number attributes, or {@code null}
 */
public record AttributeDefinition(String name, String dataType, boolean developerOnly, boolean mutable, boolean required,
                                  Integer minLength, Integer maxLength, BigDecimal minValue, BigDecimal maxValue) {

    public static final String CUSTOM_PREFIX = "custom:";

    public boolean custom() {
        return name.startsWith(CUSTOM_PREFIX);
    }

    public AttributeDefinition withRequired(boolean newRequired) {
        return new AttributeDefinition(name, dataType, developerOnly, mutable, newRequired, minLength, maxLength, minValue, maxValue);
    }

    /** {@code SchemaAttributeType} as DescribeUserPool shows it (constraints as strings, as Cognito does). */
    public ObjectNode toWire() {
        ObjectNode wire = JsonNodeFactory.instance.objectNode()
                .put("Name", name)
                .put("AttributeDataType", dataType)
                .put("DeveloperOnlyAttribute", developerOnly)
                .put("Mutable", mutable)
                .put("Required", required);
        if ("String".equals(dataType)) {
            ObjectNode constraints = wire.putObject("StringAttributeConstraints");
            if (minLength != null) {
                constraints.put("MinLength", minLength.toString());
            }
            if (maxLength != null) {
                constraints.put("MaxLength", maxLength.toString());
            }
        } else if ("Number".equals(dataType) && (minValue != null || maxValue != null)) {
            ObjectNode constraints = wire.putObject("NumberAttributeConstraints");
            if (minValue != null) {
                constraints.put("MinValue", minValue.toPlainString());
            }
            if (maxValue != null) {
                constraints.put("MaxValue", maxValue.toPlainString());
            }
        }
        return wire;
    }

    /** Reads a stored (already validated) {@code SchemaAttributeType}. */
    public static AttributeDefinition fromWire(JsonNode wire) {
        JsonNode strings = wire.path("StringAttributeConstraints");
        JsonNode numbers = wire.path("NumberAttributeConstraints");
        return new AttributeDefinition(wire.path("Name").asText(),
                wire.path("AttributeDataType").asText("String"),
                wire.path("DeveloperOnlyAttribute").asBoolean(false),
                wire.path("Mutable").asBoolean(true),
                wire.path("Required").asBoolean(false),
                strings.hasNonNull("MinLength") ? Integer.valueOf(strings.get("MinLength").asText()) : null,
                strings.hasNonNull("MaxLength") ? Integer.valueOf(strings.get("MaxLength").asText()) : null,
                numbers.hasNonNull("MinValue") ? new BigDecimal(numbers.get("MinValue").asText()) : null,
                numbers.hasNonNull("MaxValue") ? new BigDecimal(numbers.get("MaxValue").asText()) : null);
    }
}
