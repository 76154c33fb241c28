package dev.cognate.identitypool.service;

import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventType;
import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.events.Topics;
import dev.cognate.identitypool.domain.Identity;
import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.identitypool.login.LoginVerifier;
import dev.cognate.identitypool.repository.IdentityLifecycleRepository;
import dev.cognate.identitypool.repository.IdentityRepository;
import dev.cognate.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of identities and of their logins: DeleteIdentities and UnlinkIdentity (UnlinkDeveloperIdentity is in
 * {@link DeveloperIdentityService}). Each change and its event commit in one transaction.
 */
@ApplicationScoped
public class IdentityLifecycleService {

    private static final Logger LOG = Logger.getLogger(IdentityLifecycleService.class);

    /** An identity DeleteIdentities could not delete, with the {@code ErrorCode} of the API ({@code InternalServerError}). */
    public record Unprocessed(String identityId, String errorCode) {
    }

    private final Pool db;
    private final IdentityService identityService;
    private final IdentityRepository identities;
    private final IdentityLifecycleRepository lifecycle;
    private final LoginVerifier verifier;
    private final Clock clock;

    public IdentityLifecycleService(Pool db, IdentityService identityService, IdentityRepository identities,
                                    IdentityLifecycleRepository lifecycle, LoginVerifier verifier, Clock clock) {
        this.db = db;
        this.identityService = identityService;
        this.identities = identities;
        this.lifecycle = lifecycle;
        this.verifier = verifier;
        this.clock = clock;
    }

    /**
     * Deletes each identity (with its logins) in its own transaction, so one failure does not keep the others; an id
     * that names no identity is skipped, as Cognito answers such ids (the API has no not-found error for this action).
     * The ids that failed come back as {@code InternalServerError}.
     */
    public Uni<List<Unprocessed>> deleteIdentities(List<String> identityIds) {
        List<Unprocessed> unprocessed = new ArrayList<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String identityId : new LinkedHashSet<>(identityIds)) {
            all = all.chain(() -> db.withTransaction(tx -> delete(tx, identityId))
                    .onFailure().recoverWithItem(failure -> {
                        LOG.errorf(failure, "deleting identity %s failed", identityId);
                        unprocessed.add(new Unprocessed(identityId, "InternalServerError"));
                        return null;
                    }));
        }
        return all.replaceWith(unprocessed);
    }

    private Uni<Void> delete(SqlClient tx, String identityId) {
        return identities.findForUpdate(tx, identityId).chain(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                : lifecycle.delete(tx, identityId).chain(() -> publish(tx, IdentityPoolEvents.IDENTITY_DELETED, found.get())));
    }

    /**
     * UnlinkIdentity: the caller proves the identity with one of its logins ({@code logins}, verified as for
     * GetCredentialsForIdentity), then the providers named in {@code loginsToRemove} are unlinked from it (names not
     * linked to it change nothing). An identity left without logins is disabled: Cognito documents that removing the
     * last login makes the identity inaccessible.
     */
    public Uni<Void> unlinkIdentity(String identityId, Map<String, String> logins, List<String> loginsToRemove) {
        return identities.find(db, identityId).map(found -> found.orElseThrow(() -> IdentityService.identityNotFound(identityId)))
                .chain(identity -> identityService.pool(identity.identityPoolId()).chain(pool -> {
                    if (identity.disabled()) {
                        throw LoginVerifier.notAuthorized("Access to Identity '" + identityId + "' is forbidden.");
                    }
                    return verifier.verify(pool, logins);
                }))
                .chain(verified -> db.withTransaction(tx -> identities.findForUpdate(tx, identityId).map(Optional::orElseThrow)
                        .call(identity -> requireOwnLogin(tx, identityId, verified))
                        .chain(before -> unlink(tx, before, loginsToRemove))));
    }

    private Uni<Void> requireOwnLogin(SqlClient tx, String identityId, List<VerifiedLogin> verified) {
        return lifecycle.logins(tx, identityId).invoke(own -> {
            boolean proven = verified.stream().anyMatch(login ->
                    own.contains(new IdentityLifecycleRepository.Login(login.providerName(), login.subject())));
            if (!proven) {
                throw LoginVerifier.notAuthorized(IdentityService.LOGINS_DONT_MATCH);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> unlink(SqlClient tx, Identity before, List<String> providerNames) {
        Uni<Integer> removed = Uni.createFrom().item(0);
        for (String providerName : new LinkedHashSet<>(providerNames)) {
            removed = removed.chain(count -> lifecycle.unlinkProvider(tx, before.id(), providerName).map(n -> count + n));
        }
        return removed.chain(count -> count == 0 ? Uni.createFrom().voidItem() : afterUnlink(tx, before.id()));
    }

    /** Publishes the unlinking; an identity left without logins is disabled (inaccessible, as Cognito documents). */
    Uni<Void> afterUnlink(SqlClient tx, String identityId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return identities.find(tx, identityId).map(Optional::orElseThrow)
                .chain(after -> (after.logins().isEmpty() ? lifecycle.disable(tx, identityId, now) : identities.touch(tx, identityId, now))
                        .chain(() -> publish(tx, IdentityPoolEvents.IDENTITY_LOGINS_UNLINKED, after)));
    }

    static Uni<Void> publish(SqlClient tx, EventType<IdentityPoolEvents.IdentityChanged> type, Identity identity) {
        CloudEvent event = CloudEvent.of(type, CloudEvent.identityPoolSource(identity.identityPoolId()), identity.id(),
                new IdentityPoolEvents.IdentityChanged(identity.identityPoolId(), identity.id(), identity.logins()));
        return Outbox.append(tx, Topics.IDENTITY_EVENTS, identity.identityPoolId(), event);
    }
}
