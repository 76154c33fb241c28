package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.AwsJson;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.service.UserPoolSchemaService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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
        List<AttributeDefinition> stored = attributes.stream().map(AddCustomAttributesAction::stored).toList();
        return service.addCustomAttributes(request.userPoolId(), stored).replaceWith(Map.of());
    }

    /** The attribute as DescribeUserPool shows it, after Cognito's rules for custom attributes. */
    private static AttributeDefinition stored(SchemaAttributeType attribute) {
        return PoolSchema.customAttribute(AwsJson.MAPPER.valueToTree(attribute));
    }
}
