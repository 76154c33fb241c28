package dev.cognate.identitypool.sts;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

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
 * @param issuedAt        when they were vended: a revocation of the identity's credentials refuses those issued before it
 * @param principalTags   the session's principal tags (SetPrincipalTagAttributeMap), tag key → value
 */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String identityId, String roleArn, String sessionName,
                                 Instant expiration, Instant issuedAt, Map<String, String> principalTags) {

    public SessionCredentials {
        principalTags = principalTags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(principalTags));
    }

    /** Credentials without principal tags, issued now (tests that seal credentials of their own). */
    public SessionCredentials(String accessKeyId, String secretAccessKey, String identityId, String roleArn, String sessionName,
                              Instant expiration) {
        this(accessKeyId, secretAccessKey, identityId, roleArn, sessionName, expiration, Instant.now(), Map.of());
    }
}
