package dev.cognate.identitypool.sts;

import java.time.Instant;

/** What GetCredentialsForIdentity returns, whichever vendor made the credentials. */
public record VendedCredentials(String identityId, String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
}
