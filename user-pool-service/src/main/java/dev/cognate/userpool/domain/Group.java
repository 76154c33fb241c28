package dev.cognate.userpool.domain;

import java.time.Instant;

/**
 * A user pool group as stored.
 *
 * @param precedence {@code null} when none was given: such a group ranks after every group with one
 */
public record Group(String userPoolId, String groupName, String description, String roleArn, Integer precedence,
                    Instant creationDate, Instant lastModifiedDate) {

    /** The group after an UpdateGroup: each member the request gives replaces the stored one, the others stay. */
    public Group updatedWith(String newDescription, String newRoleArn, Integer newPrecedence, Instant now) {
        return new Group(userPoolId, groupName,
                newDescription != null ? newDescription : description,
                newRoleArn != null ? newRoleArn : roleArn,
                newPrecedence != null ? newPrecedence : precedence,
                creationDate, now);
    }
}
