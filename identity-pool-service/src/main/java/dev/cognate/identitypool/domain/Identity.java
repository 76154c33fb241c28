package dev.cognate.identitypool.domain;

import java.time.Instant;
import java.util.List;

/**
 * An identity of an identity pool.
 *
 * @param logins the provider names linked to it, in name order; empty for a guest (unauthenticated) identity
 */
public record Identity(String id, String identityPoolId, List<String> logins, boolean disabled,
                       Instant creationDate, Instant lastModifiedDate) {

    public Identity {
        logins = List.copyOf(logins);
    }

    public boolean authenticated() {
        return !logins.isEmpty();
    }
}
