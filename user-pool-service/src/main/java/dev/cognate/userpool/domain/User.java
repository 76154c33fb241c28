package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A user of a pool as stored.
 *
 * @param attributes    every attribute but {@code sub}, by name (sorted, so responses are stable)
 * @param passwordHash  Argon2id, PHC string form; {@code null} when the user has no password
 * @param mfaOptions    AdminSetUserSettings' legacy {@code MFAOptions}, wire form
 * @param mfaPreference {@code {"SMS_MFA": {"Enabled", "PreferredMfa"}, ...}} from AdminSetUserMFAPreference
 */
public record User(String userPoolId, UUID sub, String username, UserStatus status, boolean enabled,
                   Map<String, String> attributes, String passwordHash, Instant passwordChangedAt,
                   Instant temporaryPasswordExpiresAt, ArrayNode mfaOptions, ObjectNode mfaPreference,
                   Instant creationDate, Instant lastModifiedDate) {

    public User {
        attributes = new TreeMap<>(attributes);
    }

    public String attribute(String name) {
        return "sub".equals(name) ? sub.toString() : attributes.get(name);
    }

    public boolean verified(String attribute) {
        return "true".equals(attributes.get(attribute + "_verified"));
    }

    public User withAttributes(Map<String, String> newAttributes, Instant now) {
        return new User(userPoolId, sub, username, status, enabled, newAttributes, passwordHash, passwordChangedAt,
                temporaryPasswordExpiresAt, mfaOptions, mfaPreference, creationDate, now);
    }

    public User withStatus(UserStatus newStatus, Instant now) {
        return new User(userPoolId, sub, username, newStatus, enabled, attributes, passwordHash, passwordChangedAt,
                temporaryPasswordExpiresAt, mfaOptions, mfaPreference, creationDate, now);
    }

    public User withEnabled(boolean newEnabled, Instant now) {
        return new User(userPoolId, sub, username, status, newEnabled, attributes, passwordHash, passwordChangedAt,
                temporaryPasswordExpiresAt, mfaOptions, mfaPreference, creationDate, now);
    }

    /** The user with a new password: permanent (CONFIRMED) or temporary (FORCE_CHANGE_PASSWORD until {@code expiresAt}). */
    public User withPassword(String hash, UserStatus newStatus, Instant expiresAt, Instant now) {
        return new User(userPoolId, sub, username, newStatus, enabled, attributes, hash, now,
                expiresAt, mfaOptions, mfaPreference, creationDate, now);
    }

    /** The same password hashed again (new Argon2id parameters): nothing else changes, not even the modification date. */
    public User withRehashedPassword(String hash) {
        return new User(userPoolId, sub, username, status, enabled, attributes, hash, passwordChangedAt,
                temporaryPasswordExpiresAt, mfaOptions, mfaPreference, creationDate, lastModifiedDate);
    }

    public User withMfa(ArrayNode newOptions, ObjectNode newPreference, Instant now) {
        return new User(userPoolId, sub, username, status, enabled, attributes, passwordHash, passwordChangedAt,
                temporaryPasswordExpiresAt, newOptions, newPreference, creationDate, now);
    }
}
