package dev.cognate.identitypool.action;

import dev.cognate.identitypool.domain.Identity;

import java.time.Instant;
import java.util.List;

/** The {@code IdentityDescription} shape of DescribeIdentity and ListIdentities. */
final class IdentityResponses {

    private IdentityResponses() {
    }

    record IdentityDescription(String identityId, List<String> logins, Instant creationDate, Instant lastModifiedDate) {
    }

    static IdentityDescription description(Identity identity) {
        return new IdentityDescription(identity.id(), identity.logins(), identity.creationDate(), identity.lastModifiedDate());
    }
}
