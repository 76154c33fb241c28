package dev.cognate.identitypool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.events.Topics;
import dev.cognate.identitypool.domain.Identity;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.repository.IdentityLifecycleRepository;
import dev.cognate.identitypool.repository.IdentityLifecycleRepository.Login;
import dev.cognate.identitypool.repository.IdentityRepository;
import dev.cognate.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merges identities as Cognito does when one caller proves logins that are linked to different identities (GetId,
 * GetCredentialsForIdentity, GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity) or when MergeDeveloperIdentities asks:
 * every login of the merged identities moves to the surviving one, and the merged identities are disabled (as Cognito
 * leaves them: listed, refused with {@code Access to Identity '…' is forbidden.}). The merge and its event on
 * {@code cognate.identity.events} join the caller's transaction.
 */
@ApplicationScoped
public class IdentityMerger {

    /** MergeDeveloperIdentities' documented limit of the logins of the two identities together. */
    static final int MAX_MERGED_LOGINS = 20;

    private final IdentityRepository identities;
    private final IdentityLifecycleRepository lifecycle;
    private final Clock clock;

    public IdentityMerger(IdentityRepository identities, IdentityLifecycleRepository lifecycle, Clock clock) {
        this.identities = identities;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * Merges the identities into the oldest of them (created first; Cognito documents that identities merge, not which
     * one survives) and returns the survivor's id. One identity: nothing to merge.
     */
    public Uni<String> mergeIntoOldest(SqlClient tx, IdentityPool pool, Set<String> identityIds) {
        if (identityIds.size() == 1) {
            return Uni.createFrom().item(identityIds.iterator().next());
        }
        List<Identity> found = new ArrayList<>();
        Uni<Void> read = Uni.createFrom().voidItem();
        for (String id : new TreeSet<>(identityIds)) {
            read = read.chain(() -> identities.findForUpdate(tx, id).invoke(identity -> identity.ifPresent(found::add)).replaceWithVoid());
        }
        return read.chain(() -> {
            String survivor = found.stream()
                    .min(Comparator.comparing(Identity::creationDate).thenComparing(Identity::id))
                    .map(Identity::id).orElseThrow();
            List<String> merged = identityIds.stream().filter(id -> !id.equals(survivor)).sorted().toList();
            return merge(tx, pool, survivor, merged).replaceWith(survivor);
        });
    }

    /**
     * Moves every login of {@code mergedIds} to {@code survivorId} and disables them. Refused with
     * {@code ResourceConflictException} when two of them hold different users of one public provider (Cognito's
     * rule; several developer user identifiers of the pool's developer provider may share an identity), with
     * {@code LimitExceededException} when the survivor would have more than 10 providers or 20 logins.
     */
    public Uni<Void> merge(SqlClient tx, IdentityPool pool, String survivorId, List<String> mergedIds) {
        if (mergedIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        ids.add(survivorId);
        ids.addAll(mergedIds);
        List<Login> all = new ArrayList<>();
        Uni<Void> read = Uni.createFrom().voidItem();
        // locked in id order, so concurrent merges of the same identities wait for each other instead of deadlocking
        for (String id : new TreeSet<>(ids)) {
            read = read.chain(() -> identities.findForUpdate(tx, id).replaceWithVoid());
        }
        for (String id : ids) {
            read = read.chain(() -> lifecycle.logins(tx, id).invoke(all::addAll).replaceWithVoid());
        }
        return read.chain(() -> {
            requireNoConflict(pool, all);
            if (all.size() > MAX_MERGED_LOGINS) {
                throw new CognitoException("LimitExceededException", "Merged identities can have at most " + MAX_MERGED_LOGINS + " logins.");
            }
            Uni<Void> moved = Uni.createFrom().voidItem();
            for (String merged : mergedIds) {
                moved = moved.chain(() -> lifecycle.moveLogins(tx, merged, survivorId)).chain(() -> lifecycle.disable(tx, merged, now));
            }
            return moved;
        }).chain(() -> identities.touch(tx, survivorId, now))
                .chain(() -> identities.find(tx, survivorId)).map(Optional::orElseThrow)
                .call(survivor -> {
                    if (survivor.logins().size() > IdentityService.MAX_LOGINS_PER_IDENTITY) {
                        return Uni.createFrom().failure(new CognitoException("LimitExceededException",
                                "An identity can have at most " + IdentityService.MAX_LOGINS_PER_IDENTITY + " logins."));
                    }
                    return Uni.createFrom().voidItem();
                })
                .chain(survivor -> publish(tx, survivor, mergedIds));
    }

    private static void requireNoConflict(IdentityPool pool, List<Login> logins) {
        Map<String, String> subjectOf = new HashMap<>();
        for (Login login : logins) {
            if (login.providerName().equals(pool.configuration().developerProviderName())) {
                continue;
            }
            String other = subjectOf.putIfAbsent(login.providerName(), login.subject());
            if (other != null && !other.equals(login.subject())) {
                throw new CognitoException("ResourceConflictException", "The identities to merge are linked to two different users of '"
                        + login.providerName() + "'.");
            }
        }
    }

    private static Uni<Void> publish(SqlClient tx, Identity survivor, List<String> mergedIds) {
        CloudEvent event = CloudEvent.of(IdentityPoolEvents.IDENTITIES_MERGED, CloudEvent.identityPoolSource(survivor.identityPoolId()),
                survivor.id(), new IdentityPoolEvents.IdentitiesMerged(survivor.identityPoolId(), survivor.id(), mergedIds, survivor.logins()));
        return Outbox.append(tx, Topics.IDENTITY_EVENTS, survivor.identityPoolId(), event);
    }
}
