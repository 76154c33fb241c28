package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.CognitoException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a pool's users are named and found: {@code UsernameAttributes} (email or phone number as the
 * username, the stored username then being the user's {@code sub}), {@code AliasAttributes} (verified
 * email, verified phone number and {@code preferred_username} as second names), and
 * {@code UsernameConfiguration.CaseSensitive} (true when absent, as in the API).
 */
public record SignInIdentifiers(List<String> usernameAttributes, List<String> aliasAttributes, boolean caseSensitive) {

    public static final String EMAIL = "email";
    public static final String PHONE_NUMBER = "phone_number";
    public static final String PREFERRED_USERNAME = "preferred_username";
    public static final Pattern EMAIL_FORMAT = Pattern.compile("[^@\\s]+@[^@\\s]+");
    public static final Pattern PHONE_FORMAT = Pattern.compile("\\+[0-9]{4,15}");

    public static SignInIdentifiers of(JsonNode settings) {
        return new SignInIdentifiers(strings(settings.path("UsernameAttributes")), strings(settings.path("AliasAttributes")),
                settings.path("UsernameConfiguration").path("CaseSensitive").asBoolean(true));
    }

    /** The username as compared and stored uniquely: lower-cased when the pool ignores case. */
    public String usernameKey(String username) {
        return caseSensitive ? username : username.toLowerCase(Locale.ROOT);
    }

    /** The value of an alias as compared: emails ignore case, {@code preferred_username} follows the pool. */
    public String aliasKey(String kind, String value) {
        return switch (kind) {
            case EMAIL -> value.toLowerCase(Locale.ROOT);
            case PREFERRED_USERNAME -> usernameKey(value);
            default -> value;
        };
    }

    public boolean emailOrPhoneIsUsername() {
        return !usernameAttributes.isEmpty();
    }

    /**
     * For a pool with {@code UsernameAttributes}: which attribute a requested username is (email or
     * phone_number), refusing one of neither kind in Cognito's words.
     */
    public String usernameAttributeOf(String requested) {
        if (usernameAttributes.contains(EMAIL) && EMAIL_FORMAT.matcher(requested).matches()) {
            return EMAIL;
        }
        if (usernameAttributes.contains(PHONE_NUMBER) && PHONE_FORMAT.matcher(requested).matches()) {
            return PHONE_NUMBER;
        }
        if (usernameAttributes.size() == 2) {
            throw CognitoException.invalidParameter("Username should be either an email or a phone number.");
        }
        throw CognitoException.invalidParameter(usernameAttributes.contains(EMAIL) ? "Username should be an email."
                : "Username should be a phone number.");
    }

    /** In a pool with alias attributes, a username may not look like an alias (Cognito's rule). */
    public void checkUsernameIsNotAlias(String username) {
        if (aliasAttributes.contains(EMAIL) && EMAIL_FORMAT.matcher(username).matches()) {
            throw CognitoException.invalidParameter("Username cannot be of email format, since user pool is configured for email alias.");
        }
        if (aliasAttributes.contains(PHONE_NUMBER) && PHONE_FORMAT.matcher(username).matches()) {
            throw CognitoException.invalidParameter("Username cannot be of phone number format, since user pool is configured for phone number alias.");
        }
    }

    /** The aliases (kind → key) a user holds with these attributes: each must belong to no other user of the pool. */
    public Map<String, String> aliasesOf(Map<String, String> attributes) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String kind : List.of(EMAIL, PHONE_NUMBER)) {
            String value = attributes.get(kind);
            if (value == null) {
                continue;
            }
            boolean verified = "true".equals(attributes.get(kind + "_verified"));
            if (usernameAttributes.contains(kind) || (aliasAttributes.contains(kind) && verified)) {
                aliases.put(kind, aliasKey(kind, value));
            }
        }
        String preferred = attributes.get(PREFERRED_USERNAME);
        if (preferred != null && aliasAttributes.contains(PREFERRED_USERNAME)) {
            aliases.put(PREFERRED_USERNAME, aliasKey(PREFERRED_USERNAME, preferred));
        }
        return aliases;
    }

    /** The alias kinds a name given to an admin action may be looked up as. */
    public List<String> lookupKinds() {
        List<String> kinds = new ArrayList<>(usernameAttributes);
        aliasAttributes.stream().filter(kind -> !kinds.contains(kind)).forEach(kinds::add);
        return kinds;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
