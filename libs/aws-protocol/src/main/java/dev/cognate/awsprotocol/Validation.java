package dev.cognate.awsprotocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects request constraint violations and reports them as AWS does:
 * {@code InvalidParameterException: 2 validation errors detected: Value null at 'poolName' failed
 * to satisfy constraint: Member must not be null; Value 'X' at 'mfaConfiguration' failed to
 * satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]}.
 * Member paths use the lower-camel names AWS uses in these messages.
 */
public final class Validation {

    private final List<String> errors = new ArrayList<>();

    public static Validation of() {
        return new Validation();
    }

    public Validation required(String member, Object value) {
        if (value == null) {
            errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    public Validation length(String member, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            errors.add(valueAt(value, member) + "Member must have length "
                    + (value.length() < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        return this;
    }

    public Validation size(String member, Collection<?> value, int min, int max) {
        if (value != null && (value.size() < min || value.size() > max)) {
            errors.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have length "
                    + (value.size() < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        return this;
    }

    public Validation pattern(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(valueAt(value, member) + "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return this;
    }

    public Validation range(String member, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            errors.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have value "
                    + (value.longValue() < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        return this;
    }

    public Validation oneOf(String member, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(valueAt(value, member) + "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    /** Adds a violation described in free text (for rules the standard shapes do not cover). */
    public Validation check(boolean ok, String violation) {
        if (!ok) {
            errors.add(violation);
        }
        return this;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Throws {@code InvalidParameterException} listing every violation, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            String count = errors.size() + (errors.size() == 1 ? " validation error detected: " : " validation errors detected: ");
            throw CognitoException.invalidParameter(count + String.join("; ", errors));
        }
    }

    private static String valueAt(String value, String member) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: ";
    }
}
