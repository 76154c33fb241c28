package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.validation.UserAttributeRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The CSV file of a Cognito user import job for one pool: its header (GetCSVHeader: the standard attributes from
 * {@code name} to {@code updated_at}, the pool's custom attributes, then {@code cognito:mfa_enabled} and
 * {@code cognito:username}) and the reading of each row into a new user in {@code RESET_REQUIRED}, as Cognito does.
 * Columns may come in any order; empty values are absent attributes.
 */
public final class UserCsv {

    public static final String USERNAME = "cognito:username";
    public static final String MFA_ENABLED = "cognito:mfa_enabled";
    private static final List<String> NOT_IN_CSV = List.of("sub", "identities");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PoolSchema schema;
    private final SignInIdentifiers identifiers;
    private final UserAttributeRules rules;
    private final List<String> autoVerified = new ArrayList<>();
    private final String userPoolId;

    public UserCsv(UserPool pool) {
        this.userPoolId = pool.id();
        this.schema = PoolSchema.of(pool.settings());
        this.identifiers = SignInIdentifiers.of(pool.settings());
        this.rules = new UserAttributeRules(schema);
        autoVerified.addAll(pool.config().autoVerifiedAttributes());
    }

    /** GetCSVHeader's {@code CSVHeader}. */
    public List<String> header() {
        List<String> header = new ArrayList<>();
        schema.all().stream().map(AttributeDefinition::name).filter(name -> !NOT_IN_CSV.contains(name)).forEach(header::add);
        header.add(MFA_ENABLED);
        header.add(USERNAME);
        return header;
    }

    /** Checks a file's header row: known columns only, each once, {@code cognito:username} and {@code cognito:mfa_enabled} present. */
    public void checkHeader(List<String> columns) {
        List<String> known = header();
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            String name = column.trim();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("the CSV header has an unknown column '" + name + "' (GetCSVHeader lists the columns)");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the CSV header names column '" + name + "' twice");
            }
        }
        for (String required : List.of(USERNAME, MFA_ENABLED)) {
            if (!seen.contains(required)) {
                throw new IllegalArgumentException("the CSV header lacks the column " + required);
            }
        }
    }

    /** The user a row describes (status RESET_REQUIRED, no password), or a {@link CognitoException} saying why not. */
    public User user(List<String> columns, List<String> fields, Instant now) {
        if (fields.size() != columns.size()) {
            throw CognitoException.invalidParameter("the row has " + fields.size() + " values for " + columns.size() + " columns.");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String requested = null;
        boolean mfaEnabled = false;
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i).trim();
            String value = fields.get(i);
            if (USERNAME.equals(column)) {
                requested = value;
            } else if (MFA_ENABLED.equals(column)) {
                mfaEnabled = booleanValue(MFA_ENABLED, value);
            } else if (!value.isEmpty()) {
                attributes.put(column, value);
            }
        }
        if (requested == null || requested.isEmpty()) {
            throw CognitoException.invalidParameter(USERNAME + " is required.");
        }
        UUID sub = UUID.randomUUID();
        String username = requested;
        if (identifiers.emailOrPhoneIsUsername()) {
            String kind = identifiers.usernameAttributeOf(requested);
            String stated = attributes.putIfAbsent(kind, requested);
            if (stated != null && !stated.equals(requested)) {
                throw CognitoException.invalidParameter("The " + kind + " attribute must equal the username in a pool that uses " + kind
                        + " as username.");
            }
            username = sub.toString();
        } else {
            identifiers.checkUsernameIsNotAlias(requested);
        }
        for (String contact : List.of(SignInIdentifiers.EMAIL, SignInIdentifiers.PHONE_NUMBER)) {
            if ("true".equals(attributes.get(contact + "_verified")) && !attributes.containsKey(contact)) {
                throw CognitoException.invalidParameter(contact + "_verified is true but " + contact + " is empty.");
            }
        }
        if (!autoVerified.isEmpty() && autoVerified.stream().noneMatch(contact -> "true".equals(attributes.get(contact + "_verified")))) {
            throw CognitoException.invalidParameter("at least one auto-verified attribute (" + String.join(", ", autoVerified)
                    + ") must be verified (" + autoVerified.get(0) + "_verified = true).");
        }
        ArrayNode mfaOptions = JSON.arrayNode();
        if (mfaEnabled) {
            if (!attributes.containsKey(SignInIdentifiers.PHONE_NUMBER)) {
                throw CognitoException.invalidParameter(MFA_ENABLED + " is true but phone_number is empty.");
            }
            mfaOptions.addObject().put("DeliveryMedium", "SMS").put("AttributeName", SignInIdentifiers.PHONE_NUMBER);
        }
        Map<String, String> valid = rules.forCreate(attributes);
        return new User(userPoolId, sub, username, UserStatus.RESET_REQUIRED, true, valid, null, null, null, mfaOptions,
                JSON.objectNode(), now, now);
    }

    private static boolean booleanValue(String column, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "false" -> false;
            case "true" -> true;
            default -> throw CognitoException.invalidParameter(column + " must be true or false, not '" + value + "'.");
        };
    }
}
