package dev.cognate.identitypool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventType;
import dev.cognate.events.IdentityPoolEvents;
import dev.cognate.events.Topics;
import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.identitypool.domain.Identity;
import dev.cognate.identitypool.domain.IdentityIds;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.identitypool.login.IdentityTokenLogins;
import dev.cognate.identitypool.login.LoginVerifier;
import dev.cognate.identitypool.repository.IdentityPoolRepository;
import dev.cognate.identitypool.repository.IdentityRepository;
import dev.cognate.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one write path of identities gaining logins: GetId creates them and links logins, GetCredentialsForIdentity links
 * new logins to a guest, and both merge identities whose logins one caller proves ({@link IdentityMerger}); the
 * developer identity actions link through the same two methods. Every change and its event on
 * {@code cognate.identity.events} commit in one transaction (the outbox).
 */
@ApplicationScoped
public class IdentityService {

    /** Cognito's limit of logins linked to one identity. */
    public static final int MAX_LOGINS_PER_IDENTITY = 10;
    static final String LOGINS_DONT_MATCH = "Logins don't match. Please include at least one valid login for this identity or identity pool.";

    private final Pool db;
    private final IdentityPoolRepository pools;
    private final IdentityRepository identities;
    private final LoginVerifier verifier;
    private final IdentityTokenLogins identityTokens;
    private final IdentityMerger merger;
    private final CognateConfig config;
    private final Clock clock;

    public IdentityService(Pool db, IdentityPoolRepository pools, IdentityRepository identities, LoginVerifier verifier,
                           IdentityTokenLogins identityTokens, IdentityMerger merger, CognateConfig config, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.identities = identities;
        this.verifier = verifier;
        this.identityTokens = identityTokens;
        this.merger = merger;
        this.config = config;
        this.clock = clock;
    }

    /** An identity with its pool and the logins the caller proved, which GetCredentialsForIdentity resolves a role for. */
    public record AuthenticatedCaller(IdentityPool pool, Identity identity, List<VerifiedLogin> logins) {
    }

    /**
     * GetId: the identity of the verified logins (created on first use, stable per pool, provider and subject), or a
     * new guest identity when there are none and the pool allows guests.
     */
    public Uni<String> getId(String poolId, Map<String, String> logins) {
        return pool(poolId).chain(pool -> {
            if (logins.isEmpty()) {
                requireGuestsAllowed(pool);
                return newIdentity(pool, List.of());
            }
            return verifier.verify(pool, logins).chain(verified -> identityOf(pool, verified))
                    // two first sign-ins of one login at once: the loser's link conflicted, the winner's identity is the one
                    .onFailure(LoginTaken.class).recoverWithUni(() -> verifier.verify(pool, logins).chain(verified -> identityOf(pool, verified)));
        });
    }

    /**
     * The identity {@code identityId}, checked against the caller's logins as GetCredentialsForIdentity does: an
     * authenticated identity needs at least one of its logins, verified (or an identity token of its own, the login of
     * developer authenticated identities); logins not linked yet are linked to it; a guest identity is let in without
     * logins only while the pool allows guests. It precedes vending credentials or a token, so it spends the SAML
     * assertions among the logins ({@link LoginVerifier#verifyToVend}).
     */
    public Uni<AuthenticatedCaller> authenticate(String identityId, Map<String, String> logins) {
        return identities.find(db, identityId).map(found -> found.orElseThrow(() -> identityNotFound(identityId)))
                .chain(identity -> pool(identity.identityPoolId()).chain(pool -> {
                    if (identity.disabled()) {
                        throw LoginVerifier.notAuthorized("Access to Identity '" + identityId + "' is forbidden.");
                    }
                    if (logins.isEmpty()) {
                        if (identity.authenticated()) {
                            throw LoginVerifier.notAuthorized("Access to Identity '" + identityId + "' is forbidden.");
                        }
                        requireGuestsAllowed(pool);
                        return Uni.createFrom().item(new AuthenticatedCaller(pool, identity, List.of()));
                    }
                    if (IdentityTokenLogins.isIdentityTokenLogin(logins)) {
                        // a developer authenticated identity (or any) proving itself with an identity token of this service
                        return identityTokens.verify(identity, logins, LOGINS_DONT_MATCH).map(login -> {
                            if (!identity.authenticated()) {
                                requireGuestsAllowed(pool);
                                return new AuthenticatedCaller(pool, identity, List.of());
                            }
                            return new AuthenticatedCaller(pool, identity, List.of(login));
                        });
                    }
                    return verifier.verifyToVend(pool, logins).chain(verified -> db.withTransaction(tx -> linkTo(tx, pool, identityId, verified))
                            .map(updated -> new AuthenticatedCaller(pool, updated, verified)))
                            .onFailure(LoginTaken.class).transform(taken -> LoginVerifier.notAuthorized(LOGINS_DONT_MATCH));
                }));
    }

    public Uni<Identity> describeIdentity(String identityId) {
        return identities.find(db, identityId).map(found -> found.orElseThrow(() -> identityNotFound(identityId)));
    }

    /** A page of the pool's identities in id order after {@code afterId}, with one extra row when more follow. */
    public Uni<List<Identity>> listIdentities(String poolId, String afterId, boolean hideDisabled, int limit) {
        return pool(poolId).chain(pool -> identities.page(db, poolId, afterId, hideDisabled, limit + 1));
    }

    private Uni<String> identityOf(IdentityPool pool, List<VerifiedLogin> logins) {
        return db.withTransaction(tx -> identityOf(tx, pool, logins)).map(Identity::id);
    }

    /**
     * The identity of verified logins, in the caller's transaction: a new one when none is linked yet; when they are
     * linked to several identities, those are merged (as Cognito merges them) into the oldest; then every login not
     * linked yet is linked to it.
     */
    Uni<Identity> identityOf(SqlClient tx, IdentityPool pool, List<VerifiedLogin> logins) {
        return linkedIdentities(tx, pool, logins).chain(linked -> linked.isEmpty() ? newIdentity(tx, pool, logins)
                : merger.mergeIntoOldest(tx, pool, linked).chain(survivor -> link(tx, pool, survivor, logins)));
    }

    /**
     * Checks verified logins against the identity {@code identityId} and links them, in the caller's transaction. The
     * identity's own login merges the identities of the caller's other logins into it. A guest presenting logins of
     * another identity is merged into that one, which is returned (Cognito answers with the identity id it merged
     * into). An authenticated identity without one of its own logins: {@code Logins don't match}.
     */
    Uni<Identity> linkTo(SqlClient tx, IdentityPool pool, String identityId, List<VerifiedLogin> logins) {
        return linkedIdentities(tx, pool, logins).chain(linked -> identities.findForUpdate(tx, identityId).map(Optional::orElseThrow)
                .chain(identity -> {
                    if (linked.contains(identityId)) {
                        List<String> others = linked.stream().filter(id -> !id.equals(identityId)).toList();
                        return merger.merge(tx, pool, identityId, others).chain(() -> link(tx, pool, identityId, logins));
                    }
                    if (identity.authenticated()) {
                        // none of the identity's own logins was presented
                        throw LoginVerifier.notAuthorized(LOGINS_DONT_MATCH);
                    }
                    if (linked.isEmpty()) {
                        return link(tx, pool, identityId, logins);
                    }
                    return merger.mergeIntoOldest(tx, pool, linked)
                            .call(survivor -> merger.merge(tx, pool, survivor, List.of(identityId)))
                            .chain(survivor -> link(tx, pool, survivor, logins));
                }));
    }

    private Uni<Set<String>> linkedIdentities(SqlClient tx, IdentityPool pool, List<VerifiedLogin> logins) {
        Uni<Set<String>> found = Uni.createFrom().item(new TreeSet<>());
        for (VerifiedLogin login : logins) {
            found = found.chain(ids -> identities.identityOfLogin(tx, pool.id(), login.providerName(), login.subject())
                    .map(id -> {
                        id.ifPresent(ids::add);
                        return ids;
                    }));
        }
        return found;
    }

    /** Links every login not linked yet to the identity and, if anything changed, publishes it. */
    private Uni<Identity> link(SqlClient tx, IdentityPool pool, String identityId, List<VerifiedLogin> logins) {
        Instant now = now();
        return identities.findForUpdate(tx, identityId).map(Optional::orElseThrow).chain(before -> {
            Uni<Boolean> changed = Uni.createFrom().item(false);
            for (VerifiedLogin login : logins) {
                changed = changed.chain(any -> identities.linkIfFree(tx, pool.id(), login.providerName(), login.subject(), identityId, now)
                        .chain(linked -> linked ? Uni.createFrom().item(true)
                                : identities.identityOfLogin(tx, pool.id(), login.providerName(), login.subject()).map(holder -> {
                                    if (!holder.equals(Optional.of(identityId))) {
                                        throw new LoginTaken();
                                    }
                                    return false;
                                }))
                        .map(linked -> any || linked));
            }
            return changed.chain(any -> !any ? Uni.createFrom().item(before)
                    : identities.touch(tx, identityId, now)
                            .chain(() -> identities.find(tx, identityId)).map(Optional::orElseThrow)
                            .call(after -> checkLoginLimit(after))
                            .call(after -> publish(tx, IdentityPoolEvents.IDENTITY_LOGINS_LINKED, after)));
        });
    }

    private Uni<String> newIdentity(IdentityPool pool, List<VerifiedLogin> logins) {
        return db.withTransaction(tx -> newIdentity(tx, pool, logins)).map(Identity::id);
    }

    private Uni<Identity> newIdentity(SqlClient tx, IdentityPool pool, List<VerifiedLogin> logins) {
        Instant now = now();
        String id = IdentityIds.newId(config.region());
        Uni<Void> linked = identities.insert(tx, new Identity(id, pool.id(), List.of(), false, now, now));
        for (VerifiedLogin login : logins) {
            linked = linked.chain(() -> identities.linkIfFree(tx, pool.id(), login.providerName(), login.subject(), id, now)
                    .map(free -> {
                        if (!free) {
                            throw new LoginTaken();
                        }
                        return free;
                    }).replaceWithVoid());
        }
        return linked.chain(() -> identities.find(tx, id)).map(Optional::orElseThrow)
                .call(identity -> checkLoginLimit(identity))
                .call(identity -> publish(tx, IdentityPoolEvents.IDENTITY_CREATED, identity));
    }

    private static Uni<Void> checkLoginLimit(Identity identity) {
        if (identity.logins().size() > MAX_LOGINS_PER_IDENTITY) {
            return Uni.createFrom().failure(new CognitoException("LimitExceededException",
                    "An identity can have at most " + MAX_LOGINS_PER_IDENTITY + " logins."));
        }
        return Uni.createFrom().voidItem();
    }

    Uni<IdentityPool> pool(String poolId) {
        return pools.find(db, poolId).map(found -> found.orElseThrow(() -> IdentityPoolService.notFound(poolId)));
    }

    private static void requireGuestsAllowed(IdentityPool pool) {
        if (!pool.configuration().allowUnauthenticatedIdentities()) {
            throw LoginVerifier.notAuthorized("Unauthenticated access is not supported for this identity pool.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Uni<Void> publish(SqlClient tx, EventType<IdentityPoolEvents.IdentityChanged> type, Identity identity) {
        CloudEvent event = CloudEvent.of(type, CloudEvent.identityPoolSource(identity.identityPoolId()), identity.id(),
                new IdentityPoolEvents.IdentityChanged(identity.identityPoolId(), identity.id(), identity.logins()));
        return Outbox.append(tx, Topics.IDENTITY_EVENTS, identity.identityPoolId(), event);
    }

    public static CognitoException identityNotFound(String identityId) {
        return CognitoException.resourceNotFound("Identity '" + identityId + "' not found.");
    }

    /** A login was linked by a concurrent request between our read and our write: the transaction rolls back, GetId retries once. */
    static final class LoginTaken extends RuntimeException {
        LoginTaken() {
            super("login linked concurrently", null, false, false);
        }
    }
}
