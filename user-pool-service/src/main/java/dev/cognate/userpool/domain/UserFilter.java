package dev.cognate.userpool.domain;

import dev.cognate.awsprotocol.CognitoException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ListUsers' {@code Filter}: {@code attribute = "value"} (exact) or {@code attribute ^= "value"}
 * (starts with), on the attributes Cognito allows and — beyond Cognito — on {@code custom:} attributes.
 * Inside the quotes, {@code \"} is a quote and {@code \\} a backslash.
 *
 * @param prefix {@code true} for {@code ^=}
 */
public record UserFilter(String attribute, String value, boolean prefix) {

    /** The attributes Cognito's ListUsers filters on (besides custom ones). */
    public static final List<String> SEARCHABLE = List.of("username", "email", "phone_number", "name", "given_name",
            "family_name", "preferred_username", "cognito:user_status", "status", "sub");
    /** Longer values are indexed by their first characters (B-tree keys must fit in a page). */
    public static final int INDEXED_LENGTH = 256;

    private static final Pattern GRAMMAR = Pattern.compile("\\s*([\\w:.-]+)\\s*(\\^?=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

    /** The filter in a request, or {@code null} when it is absent or blank (no filtering). */
    public static UserFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        Matcher matcher = GRAMMAR.matcher(filter);
        if (!matcher.matches()) {
            throw CognitoException.invalidParameter("Error while parsing filter.");
        }
        String attribute = matcher.group(1);
        if (!SEARCHABLE.contains(attribute) && !attribute.startsWith(AttributeDefinition.CUSTOM_PREFIX)) {
            throw CognitoException.invalidParameter("Invalid search attribute: " + attribute);
        }
        String value = matcher.group(3).replaceAll("\\\\(.)", "$1");
        return new UserFilter(attribute, value, "^=".equals(matcher.group(2)));
    }

    /** The value as indexed: its first {@value #INDEXED_LENGTH} characters. */
    public static String indexed(String value) {
        return value.length() <= INDEXED_LENGTH ? value : value.substring(0, INDEXED_LENGTH);
    }

    /**
     * The exclusive upper bound of the values that start with {@code prefix} in code-point order (the
     * prefix with its last code point incremented), or {@code null} when there is none.
     */
    public static String upperBound(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        for (int i = codePoints.length - 1; i >= 0; i--) {
            if (codePoints[i] < Character.MAX_CODE_POINT) {
                int next = codePoints[i] + 1;
                if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                codePoints[i] = next;
                return new String(codePoints, 0, i + 1);
            }
        }
        return null;
    }

    /** Whether a user's full value matches (the index matched only its first characters). */
    public boolean matches(String actual) {
        return actual != null && (prefix ? actual.startsWith(value) : actual.equals(value));
    }

    /** The searchable values of a user: attribute name → value (truncated), one index row each. */
    public static Map<String, String> indexedValues(User user) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("username", indexed(user.username()));
        values.put("sub", user.sub().toString());
        values.put("cognito:user_status", user.status().name());
        values.put("status", user.enabled() ? "Enabled" : "Disabled");
        user.attributes().forEach((name, value) -> {
            if (SEARCHABLE.contains(name) || name.startsWith(AttributeDefinition.CUSTOM_PREFIX)) {
                values.put(name, indexed(value));
            }
        });
        return values;
    }

    /** The value a filter compares for a user. */
    public String actualValue(User user) {
        return switch (attribute) {
            case "username" -> user.username();
            case "cognito:user_status" -> user.status().name();
            case "status" -> user.enabled() ? "Enabled" : "Disabled";
            default -> user.attribute(attribute);
        };
    }
}
