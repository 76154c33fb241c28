package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.validation.UserAttributeRules;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A new user as AdminCreateUser and SignUp make it, by Cognito's naming rules: a random {@code sub}; in a pool with
 * {@code UsernameAttributes} the requested username must be an email or phone number, becomes that attribute, and the
 * stored username is the {@code sub}; in a pool with {@code AliasAttributes} the username may not look like an alias;
 * the attributes checked against the pool's schema.
 */
public final class NewUser {

    private NewUser() {
    }

    /** The user, without a password yet, in {@code status}. */
    public static User of(UserPool pool, String requested, Map<String, String> given, UserStatus status,
                          Instant temporaryPasswordExpiresAt, Instant now) {
        SignInIdentifiers identifiers = SignInIdentifiers.of(pool.settings());
        UUID sub = UUID.randomUUID();
        Map<String, String> attributes = new LinkedHashMap<>(given);
        String username = requested;
        if (identifiers.emailOrPhoneIsUsername()) {
            String kind = identifiers.usernameAttributeOf(requested);
            String stated = attributes.putIfAbsent(kind, requested);
            if (stated != null && !stated.equals(requested)) {
                throw CognitoException.invalidParameter("The " + kind + " attribute must equal the username in a pool that uses "
                        + kind + " as username.");
            }
            username = sub.toString();
        } else {
            identifiers.checkUsernameIsNotAlias(requested);
        }
        Map<String, String> valid = new UserAttributeRules(PoolSchema.of(pool.settings())).forCreate(attributes);
        return new User(pool.id(), sub, username, status, true, valid, null, null, temporaryPasswordExpiresAt,
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(), now, now);
    }
}
