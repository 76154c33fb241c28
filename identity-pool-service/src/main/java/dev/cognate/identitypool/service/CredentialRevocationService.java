package dev.cognate.identitypool.service;

import dev.cognate.identitypool.repository.CredentialRevocationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An operator revokes an identity's outstanding credentials ({@code CognateAdmin.RevokeIdentityCredentials}): every
 * credential Cognate's STS vended to it until now stops working; credentials vended later work again.
 */
@ApplicationScoped
public class CredentialRevocationService {

    private final Pool db;
    private final CredentialRevocationRepository revocations;
    private final Clock clock;

    public CredentialRevocationService(Pool db, CredentialRevocationRepository revocations, Clock clock) {
        this.db = db;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** @return the instant up to which the identity's credentials are revoked */
    public Uni<Instant> revoke(String identityId) {
        // session tokens carry their issue time in milliseconds
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return revocations.revoke(db, identityId, now).map(found -> {
            if (!found) {
                throw IdentityService.identityNotFound(identityId);
            }
            return now;
        });
    }
}
