package dev.cognate.identitypool.sts;

import java.time.Instant;

/**
 * Temporary credentials Cognate's STS vended, as their session token carries them.
 *
 * @param accessKeyId     {@code ASIA…}, as AWS's temporary keys
 * @param secretAccessKey the secret the holder signs with
 * @param identityId      the identity they were vended to
 * @param roleArn         the role they act as
 * @param sessionName     the role session's name: {@code CognitoIdentityCredentials} (enhanced flow) or the
 *                        {@code RoleSessionName} of AssumeRoleWithWebIdentity
 * @param expiration      when they stop working
 */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String identityId, String roleArn, String sessionName,
                                 Instant expiration) {
}
