package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;

import java.time.Instant;
import java.util.Map;

/**
 * A user pool as stored.
 *
 * @param settings the pool's configuration members in their Cognito wire form (Policies,
 *                 MfaConfiguration, LambdaConfig, ...), as DescribeUserPool returns them
 */
public record UserPool(String id, String name, ObjectNode settings, Map<String, String> tags,
                       Instant creationDate, Instant lastModifiedDate) {

    public static final String DELETION_PROTECTION = "DeletionProtection";

    /** The settings as a typed view, read from {@link #settings()} (read it once per operation). */
    public PoolSettings config() {
        return PoolSettings.of(settings);
    }

    public boolean deletionProtected() {
        return config().deletionProtected();
    }

    /** Cognito's answer for a pool id that names no pool: {@code ResourceNotFoundException}. */
    public static CognitoException notFound(String id) {
        return CognitoException.resourceNotFound("User pool " + id + " does not exist.");
    }

    public String arn(String region, String accountId) {
        return "arn:aws:cognito-idp:" + region + ":" + accountId + ":userpool/" + id;
    }
}
