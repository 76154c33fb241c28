package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Constraints and wire shapes shared by the user actions ({@code AttributeType}, {@code UserType}), as in the API reference. */
public final class UserRequests {

    static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final Pattern ATTRIBUTE_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    /** {@code PasswordType}: no whitespace at either end. */
    static final Pattern PASSWORD = Pattern.compile("\\S(.*\\S)?", Pattern.DOTALL);

    /** {@code AttributeType}. */
    public record AttributeType(String name, String value) {
    }

    /** {@code MFAOptionType}. */
    public record MfaOptionType(String deliveryMedium, String attributeName) {
    }

    /** {@code UserType}, as AdminCreateUser and ListUsers return it. */
    public record UserType(String username, List<AttributeType> attributes, Instant userCreateDate, Instant userLastModifiedDate,
                           boolean enabled, String userStatus, @JsonProperty("MFAOptions") List<MfaOptionType> mfaOptions) {

        static UserType of(User user, Collection<String> only) {
            return new UserType(user.username(), UserRequests.attributes(user, only), user.creationDate(), user.lastModifiedDate(), user.enabled(),
                    user.status().name(), UserRequests.mfaOptions(user));
        }
    }

    private UserRequests() {
    }

    /** The pool and the user a request names. */
    static Validation target(String userPoolId, String username) {
        return UserPoolRequests.userPoolId(Validation.of().required("username", username), userPoolId)
                .length("username", username, 1, 128)
                .pattern("username", username, USERNAME);
    }

    /** {@code UserAttributes}: names and values in range, each name once; returned as name → value. */
    public static Map<String, String> attributes(Validation validation, String member, List<AttributeType> attributes) {
        Map<String, String> byName = new LinkedHashMap<>();
        if (attributes == null) {
            return byName;
        }
        for (AttributeType attribute : attributes) {
            if (attribute == null) {
                throw new CognitoException("SerializationException", "Unexpected value type for member '" + member + "'.");
            }
            validation.required(member + ".member.name", attribute.name())
                    .length(member + ".member.name", attribute.name(), 1, 32)
                    .pattern(member + ".member.name", attribute.name(), ATTRIBUTE_NAME)
                    .length(member + ".member.value", attribute.value(), 0, 2048);
            if (attribute.name() != null) {
                byName.put(attribute.name(), attribute.value() == null ? "" : attribute.value());
            }
        }
        return byName;
    }

    /** A password member: 1–256 characters, no whitespace at either end; never echoed in the error. */
    public static Validation password(Validation validation, String member, String password, int min) {
        return validation.check(password == null || (password.length() >= min && password.length() <= 256
                        && (password.isEmpty() || PASSWORD.matcher(password).matches())),
                "Value at '" + member + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + PASSWORD.pattern() + " and have length between " + min + " and 256");
    }

    /** The user's attributes, {@code sub} first; only those named in {@code only} when it is not null. */
    static List<AttributeType> attributes(User user, Collection<String> only) {
        List<AttributeType> attributes = new ArrayList<>();
        if (only == null || only.contains("sub")) {
            attributes.add(new AttributeType("sub", user.sub().toString()));
        }
        user.attributes().forEach((name, value) -> {
            if (only == null || only.contains(name)) {
                attributes.add(new AttributeType(name, value));
            }
        });
        return attributes;
    }

    static List<MfaOptionType> mfaOptions(User user) {
        if (user.mfaOptions() == null || user.mfaOptions().isEmpty()) {
            return null;
        }
        List<MfaOptionType> options = new ArrayList<>();
        user.mfaOptions().forEach(option -> options.add(new MfaOptionType(option.path("DeliveryMedium").asText(null),
                option.path("AttributeName").asText(null))));
        return options;
    }

    /** SetUserSettings' and AdminSetUserSettings' {@code MFAOptions}: required, each SMS or EMAIL to an attribute name. */
    static Validation mfaOptions(Validation validation, List<MfaOptionType> options) {
        validation.required("MFAOptions", options);
        if (options != null) {
            for (MfaOptionType option : options) {
                validation.oneOf("MFAOptions.member.deliveryMedium", option.deliveryMedium(), List.of("SMS", "EMAIL"))
                        .length("MFAOptions.member.attributeName", option.attributeName(), 1, 32)
                        .pattern("MFAOptions.member.attributeName", option.attributeName(), ATTRIBUTE_NAME);
            }
        }
        return validation;
    }

    static ArrayNode mfaOptionsJson(List<MfaOptionType> options) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (MfaOptionType option : options) {
            ObjectNode node = array.addObject();
            if (option.deliveryMedium() != null) {
                node.put("DeliveryMedium", option.deliveryMedium());
            }
            if (option.attributeName() != null) {
                node.put("AttributeName", option.attributeName());
            }
        }
        return array;
    }
}
