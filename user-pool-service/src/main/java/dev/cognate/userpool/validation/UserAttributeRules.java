package dev.cognate.userpool.validation;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.SignInIdentifiers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cognito's rules for writing user attributes against a pool's {@link PoolSchema}: names must be in
 * the schema, values must fit their type and constraints, immutable attributes are written once,
 * required ones are never missing, and a changed email or phone number is no longer verified.
 */
public final class UserAttributeRules {

    private static final String NOT_CONFORM = "Attributes did not conform to the schema: ";
    /** Attributes only Cognito writes. */
    private static final List<String> SYSTEM_MANAGED = List.of("sub", "identities");

    private final PoolSchema schema;

    public UserAttributeRules(PoolSchema schema) {
        this.schema = schema;
    }

    /** The attributes of a new user: every change valid, every required attribute present. */
    public Map<String, String> forCreate(Map<String, String> given) {
        Map<String, String> attributes = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            definition(name);
            refuseSystemManaged(name);
            checkValue(name, value);
            attributes.put(name, value);
        });
        checkVerificationFlags(attributes);
        checkRequired(attributes);
        return attributes;
    }

    /** The attributes after an update: {@code changes} applied to {@code current}. */
    public Map<String, String> forUpdate(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> attributes = new LinkedHashMap<>(current);
        changes.forEach((name, value) -> {
            AttributeDefinition definition = definition(name);
            refuseSystemManaged(name);
            if (!definition.mutable() && !value.equals(current.get(name))) {
                throw immutable(name);
            }
            checkValue(name, value);
            attributes.put(name, value);
        });
        for (String contact : List.of(SignInIdentifiers.EMAIL, SignInIdentifiers.PHONE_NUMBER)) {
            String verified = contact + "_verified";
            if (changes.containsKey(contact) && !changes.get(contact).equals(current.get(contact)) && !changes.containsKey(verified)) {
                attributes.put(verified, "false");
            }
        }
        checkVerificationFlags(attributes);
        checkRequired(attributes);
        return attributes;
    }

    /** The attributes after AdminDeleteUserAttributes: deleting an email or phone number deletes its verified flag too. */
    public Map<String, String> forDelete(Map<String, String> current, Collection<String> names) {
        Map<String, String> attributes = new LinkedHashMap<>(current);
        for (String name : names) {
            AttributeDefinition definition = definition(name);
            refuseSystemManaged(name);
            if (definition.required()) {
                throw CognitoException.invalidParameter(NOT_CONFORM + name + ": The attribute is required.");
            }
            if (!definition.mutable() && current.containsKey(name)) {
                throw immutable(name);
            }
            attributes.remove(name);
            if (SignInIdentifiers.EMAIL.equals(name) || SignInIdentifiers.PHONE_NUMBER.equals(name)) {
                attributes.remove(name + "_verified");
            }
        }
        checkVerificationFlags(attributes);
        return attributes;
    }

    private AttributeDefinition definition(String name) {
        return schema.find(name).orElseThrow(() ->
                CognitoException.invalidParameter("user." + name + ": Attribute does not exist in the schema."));
    }

    private static void refuseSystemManaged(String name) {
        if (SYSTEM_MANAGED.contains(name)) {
            throw immutable(name);
        }
    }

    private static CognitoException immutable(String name) {
        return CognitoException.invalidParameter("user." + name + ": Attribute cannot be updated. (changing an immutable attribute)");
    }

    private void checkValue(String name, String value) {
        AttributeDefinition definition = definition(name);
        if (value.length() > PoolSchema.MAX_STRING_LENGTH) {
            throw CognitoException.invalidParameter("1 validation error detected: Value at 'userAttributes.member.value' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + PoolSchema.MAX_STRING_LENGTH);
        }
        if (SignInIdentifiers.EMAIL.equals(name) && !SignInIdentifiers.EMAIL_FORMAT.matcher(value).matches()) {
            throw CognitoException.invalidParameter("Invalid email address format.");
        }
        if (SignInIdentifiers.PHONE_NUMBER.equals(name) && !SignInIdentifiers.PHONE_FORMAT.matcher(value).matches()) {
            throw CognitoException.invalidParameter("Invalid phone number format.");
        }
        String problem = switch (definition.dataType()) {
            case "String" -> stringProblem(definition, value);
            case "Number" -> numberProblem(definition, value);
            case "Boolean" -> "true".equals(value) || "false".equals(value) ? null : "The attribute is not a valid boolean.";
            case "DateTime" -> dateTimeProblem(value);
            default -> null;
        };
        if (problem != null) {
            throw CognitoException.invalidParameter(NOT_CONFORM + name + ": " + problem);
        }
    }

    private static String stringProblem(AttributeDefinition definition, String value) {
        int length = value.codePointCount(0, value.length());
        int min = definition.minLength() == null ? 0 : definition.minLength();
        int max = definition.maxLength() == null ? PoolSchema.MAX_STRING_LENGTH : definition.maxLength();
        if (length < min || length > max) {
            return "String must be between " + min + " and " + max + " characters long.";
        }
        return null;
    }

    private static String numberProblem(AttributeDefinition definition, String value) {
        BigDecimal number;
        try {
            number = new BigDecimal(value);
            number.toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return "Number must be an integer.";
        }
        if (definition.minValue() != null && number.compareTo(definition.minValue()) < 0) {
            return "Number must be greater than or equal to " + definition.minValue().toPlainString() + ".";
        }
        if (definition.maxValue() != null && number.compareTo(definition.maxValue()) > 0) {
            return "Number must be less than or equal to " + definition.maxValue().toPlainString() + ".";
        }
        return null;
    }

    private static String dateTimeProblem(String value) {
        try {
            OffsetDateTime.parse(value);
            return null;
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate.parse(value);
                return null;
            } catch (DateTimeParseException notDate) {
                return "DateTime must be an ISO-8601 date or date-time.";
            }
        }
    }

    private static void checkVerificationFlags(Map<String, String> attributes) {
        if (attributes.containsKey("email_verified") && !attributes.containsKey(SignInIdentifiers.EMAIL)) {
            throw CognitoException.invalidParameter("Email is required to verify/un-verify an email");
        }
        if (attributes.containsKey("phone_number_verified") && !attributes.containsKey(SignInIdentifiers.PHONE_NUMBER)) {
            throw CognitoException.invalidParameter("Phone Number is required to verify/un-verify a phone number");
        }
    }

    private void checkRequired(Map<String, String> attributes) {
        List<String> missing = new ArrayList<>();
        for (AttributeDefinition definition : schema.required()) {
            String value = attributes.get(definition.name());
            if (!SYSTEM_MANAGED.contains(definition.name()) && (value == null || value.isEmpty())) {
                missing.add(definition.name() + ": The attribute is required.");
            }
        }
        if (!missing.isEmpty()) {
            throw CognitoException.invalidParameter(NOT_CONFORM + String.join("\n", missing));
        }
    }
}
