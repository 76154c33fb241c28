package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserPoolIds;
import dev.cognate.userpool.service.UserPoolTagService;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The resource ARN and tag constraints of TagResource, UntagResource and ListTagsForResource. */
final class TagRequests {

    /** {@code TagKeysType} and {@code TagValueType}. */
    static final Pattern TAG = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    private static final Pattern USER_POOL_ARN = Pattern.compile("arn:[\\w+=/,.@-]+:cognito-idp:([\\w-]+):([0-9]+):userpool/(.+)");

    private TagRequests() {
    }

    static Validation resourceArn(Validation validation, String resourceArn) {
        return validation.required("resourceArn", resourceArn)
                .length("resourceArn", resourceArn, 20, 2048)
                .pattern("resourceArn", resourceArn, GroupRequests.ARN);
    }

    /**
     * The id of the user pool a well-formed ARN names. Any other kind of ARN is an invalid parameter; a
     * user pool ARN of another region or account names no pool here.
     */
    static String userPoolId(String resourceArn, CognateConfig config) {
        Matcher arn = USER_POOL_ARN.matcher(resourceArn);
        if (!arn.matches() || !UserPoolIds.PATTERN.matcher(arn.group(3)).matches()) {
            throw CognitoException.invalidParameter(resourceArn + " is not a valid user pool ARN.");
        }
        if (!arn.group(1).equals(config.region()) || !arn.group(2).equals(config.accountId())) {
            throw UserPool.notFound(arn.group(3));
        }
        return arn.group(3);
    }

    static Validation tags(Validation validation, Map<String, String> tags) {
        if (tags == null) {
            return validation;
        }
        validation.check(tags.size() <= UserPoolTagService.MAX_TAGS, "Value '" + tags + "' at 'tags' failed to satisfy constraint: "
                + "Member must have length less than or equal to " + UserPoolTagService.MAX_TAGS);
        tags.forEach((key, value) -> {
            tagKey(validation, "tags", "Map keys must satisfy constraint: ", key);
            if (value == null) {
                validation.required("tags", null);
            } else {
                validation.check(value.length() <= 256, "Value '" + value + "' at 'tags' failed to satisfy constraint: "
                        + "Map values must satisfy constraint: [Member must have length less than or equal to 256]");
                validation.check(TAG.matcher(value).matches(), "Value '" + value + "' at 'tags' failed to satisfy constraint: "
                        + "Map values must satisfy constraint: [Member must satisfy regular expression pattern: " + TAG.pattern() + "]");
            }
        });
        return validation;
    }

    static Validation tagKeys(Validation validation, Collection<String> keys) {
        if (keys != null) {
            keys.forEach(key -> tagKey(validation, "tagKeys", "Member must satisfy constraint: ", key));
        }
        return validation;
    }

    private static void tagKey(Validation validation, String member, String prefix, String key) {
        String at = "Value '" + key + "' at '" + member + "' failed to satisfy constraint: " + prefix;
        validation.check(key != null && !key.isEmpty(), at + "[Member must have length greater than or equal to 1]");
        validation.check(key == null || key.length() <= 128, at + "[Member must have length less than or equal to 128]");
        validation.check(key == null || TAG.matcher(key).matches(),
                at + "[Member must satisfy regular expression pattern: " + TAG.pattern() + "]");
    }
}
