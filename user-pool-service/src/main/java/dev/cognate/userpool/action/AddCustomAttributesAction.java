package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.AwsJson;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserPoolSchemaService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AddCustomAttributes: 1–25 attributes per call, each stored as {@code custom:<Name>} (so a name that
 * already starts with {@code custom:} gets the prefix twice, as in Cognito); at most 50 per pool;
 * custom attributes cannot be required; Mutable defaults to true, DeveloperOnlyAttribute to false.
 */
@ApplicationScoped
public class AddCustomAttributesAction implements AwsAction<AddCustomAttributesAction.Request, Map<String, Object>> {

    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final List<String> DATA_TYPES = List.of("String", "Number", "DateTime", "Boolean");
    static final int MAX_STRING_LENGTH = 2048;

    public record NumberAttributeConstraintsType(String minValue, String maxValue) {
    }

    public record StringAttributeConstraintsType(String minLength, String maxLength) {
    }

    public record SchemaAttributeType(String name, String attributeDataType, Boolean developerOnlyAttribute, Boolean mutable,
                                      Boolean required, NumberAttributeConstraintsType numberAttributeConstraints,
                                      StringAttributeConstraintsType stringAttributeConstraints) {
    }

    public record Request(String userPoolId, List<SchemaAttributeType> customAttributes) {
    }

    private final UserPoolSchemaService service;

    public AddCustomAttributesAction(UserPoolSchemaService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AddCustomAttributes";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation validation = UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .required("customAttributes", request.customAttributes())
                .size("customAttributes", request.customAttributes(), 1, 25);
        List<SchemaAttributeType> attributes = request.customAttributes() == null ? List.of() : request.customAttributes();
        for (SchemaAttributeType attribute : attributes) {
            if (attribute == null) {
                throw new CognitoException("SerializationException", "Unexpected value type for member 'CustomAttributes'.");
            }
            validation.required("customAttributes.member.name", attribute.name())
                    .length("customAttributes.member.name", attribute.name(), 1, 20)
                    .pattern("customAttributes.member.name", attribute.name(), NAME)
                    .oneOf("customAttributes.member.attributeDataType", attribute.attributeDataType(), DATA_TYPES);
        }
        validation.throwIfInvalid();
        List<ObjectNode> stored = attributes.stream().map(AddCustomAttributesAction::stored).toList();
        return service.addCustomAttributes(request.userPoolId(), stored).replaceWith(Map.of());
    }

    /** The attribute as DescribeUserPool shows it, after Cognito's rules for custom attributes. */
    private static ObjectNode stored(SchemaAttributeType attribute) {
        if (Boolean.TRUE.equals(attribute.required())) {
            throw CognitoException.invalidParameter("Required custom attributes are not supported currently.");
        }
        String type = attribute.attributeDataType() == null ? "String" : attribute.attributeDataType();
        String name = UserPoolSchemaService.CUSTOM_PREFIX + attribute.name();
        if (attribute.stringAttributeConstraints() != null) {
            if (!"String".equals(type)) {
                throw CognitoException.invalidParameter(name + ": StringAttributeConstraints apply only to attributes of type String.");
            }
            Long min = integer(name, "MinLength", attribute.stringAttributeConstraints().minLength());
            Long max = integer(name, "MaxLength", attribute.stringAttributeConstraints().maxLength());
            if ((max != null && max > MAX_STRING_LENGTH) || (min != null && min > MAX_STRING_LENGTH) || (min != null && max != null && min > max)) {
                throw CognitoException.invalidParameter(name + ": MinLength and MaxLength must satisfy 0 <= MinLength <= MaxLength <= "
                        + MAX_STRING_LENGTH + ".");
            }
        }
        if (attribute.numberAttributeConstraints() != null) {
            if (!"Number".equals(type)) {
                throw CognitoException.invalidParameter(name + ": NumberAttributeConstraints apply only to attributes of type Number.");
            }
            BigDecimal min = number(name, "MinValue", attribute.numberAttributeConstraints().minValue());
            BigDecimal max = number(name, "MaxValue", attribute.numberAttributeConstraints().maxValue());
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw CognitoException.invalidParameter(name + ": MinValue must not be greater than MaxValue.");
            }
        }
        SchemaAttributeType normalized = new SchemaAttributeType(name, type,
                attribute.developerOnlyAttribute() != null && attribute.developerOnlyAttribute(),
                attribute.mutable() == null || attribute.mutable(), false,
                attribute.numberAttributeConstraints(), attribute.stringAttributeConstraints());
        return AwsJson.MAPPER.valueToTree(normalized);
    }

    private static Long integer(String attribute, String member, String value) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw CognitoException.invalidParameter(attribute + ": " + member + " must be a non-negative integer, not '" + value + "'.");
    }

    private static BigDecimal number(String attribute, String member, String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw CognitoException.invalidParameter(attribute + ": " + member + " must be a number, not '" + value + "'.");
        }
    }
}
