package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.Group;

import java.time.Instant;
import java.util.regex.Pattern;

/** Constraints and the wire shape ({@code GroupType}) of the group actions, as in the API reference. */
final class GroupRequests {

    static final Pattern GROUP_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    /** {@code ArnType}: any ARN, as Cognito checks only its shape. */
    static final Pattern ARN = Pattern.compile(
            "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?");

    /** {@code GroupType}. */
    record GroupType(String groupName, String userPoolId, String description, String roleArn, Integer precedence,
                     Instant lastModifiedDate, Instant creationDate) {

        static GroupType of(Group group) {
            return new GroupType(group.groupName(), group.userPoolId(), group.description(), group.roleArn(), group.precedence(),
                    group.lastModifiedDate(), group.creationDate());
        }
    }

    private GroupRequests() {
    }

    /** The pool and group a request names. */
    static Validation target(String userPoolId, String groupName) {
        return UserPoolRequests.userPoolId(Validation.of().required("groupName", groupName), userPoolId)
                .length("groupName", groupName, 1, 128)
                .pattern("groupName", groupName, GROUP_NAME);
    }

    /** The pool, group and user a membership action names (AdminAddUserToGroup, AdminRemoveUserFromGroup). */
    static Validation membership(String userPoolId, String username, String groupName) {
        return target(userPoolId, groupName).required("username", username)
                .length("username", username, 1, 128)
                .pattern("username", username, UserRequests.USERNAME);
    }

    /** The members CreateGroup and UpdateGroup set. */
    static Validation attributes(Validation validation, String description, String roleArn, Integer precedence) {
        return validation.length("description", description, 0, 2048)
                .length("roleArn", roleArn, 20, 2048)
                .pattern("roleArn", roleArn, ARN)
                .range("precedence", precedence, 0, Integer.MAX_VALUE);
    }
}
