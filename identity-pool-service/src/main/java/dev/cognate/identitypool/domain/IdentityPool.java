package dev.cognate.identitypool.domain;

import java.time.Instant;
import java.util.Map;

/** An identity pool as stored: its id and name, its configuration, its tags and when it was created and last changed. */
public record IdentityPool(String id, String name, IdentityPoolConfiguration configuration, Map<String, String> tags,
                           Instant creationDate, Instant lastModifiedDate) {

    public IdentityPool {
        tags = Map.copyOf(tags);
    }

    public String arn(String region, String accountId) {
        return "arn:aws:cognito-identity:" + region + ":" + accountId + ":identitypool/" + id;
    }
}
