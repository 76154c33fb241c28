package dev.cognate.identitypool.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.identitypool.domain.Identity;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.identitypool.login.LoginVerifier;
import dev.cognate.identitypool.repository.IdentityLifecycleRepository;
import dev.cognate.identitypool.repository.IdentityRepository;
import dev.cognate.identitypool.token.IdentityTokenIssuer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Developer authenticated identities: the pool's {@code DeveloperProviderName} with a developer user identifier from the
 * developer's backend (trusted: these actions are signed with operator credentials) is a login like any other, stored
 * as (provider, subject) in {@code identity_logins}. GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity,
 * MergeDeveloperIdentities, UnlinkDeveloperIdentity.
 */
@ApplicationScoped
public class DeveloperIdentityService {

    static final String UNSUPPORTED_PROVIDER = "This identity pool does not support the specified developer provider";

    /** What GetOpenIdTokenForDeveloperIdentity answers. */
    public record DeveloperToken(String identityId, String token) {
    }

    private final Pool db;
    private final IdentityService identityService;
    private final IdentityLifecycleService lifecycleService;
    private final IdentityRepository identities;
    private final IdentityLifecycleRepository lifecycle;
    private final IdentityMerger merger;
    private final LoginVerifier verifier;
    private final IdentityTokenIssuer tokens;

    public DeveloperIdentityService(Pool db, IdentityService identityService, IdentityLifecycleService lifecycleService,
                                    IdentityRepository identities, IdentityLifecycleRepository lifecycle, IdentityMerger merger,
                                    LoginVerifier verifier, IdentityTokenIssuer tokens) {
        this.db = db;
        this.identityService = identityService;
        this.lifecycleService = lifecycleService;
        this.identities = identities;
        this.lifecycle = lifecycle;
        this.merger = merger;
        this.verifier = verifier;
        this.tokens = tokens;
    }

    /**
     * The identity of the logins (the developer provider's entry is a developer user identifier, the others are tokens
     * verified as for GetId), created when none is linked yet, or the identity {@code identityId} the logins are linked
     * to (a guest, or an identity one of whose logins is among them, as GetCredentialsForIdentity checks); then its token.
     */
    public Uni<DeveloperToken> openIdToken(String poolId, String identityId, Map<String, String> logins,
                                           Map<String, String> principalTags, Duration duration) {
        return developerPool(poolId).chain(pool -> {
            String provider = pool.configuration().developerProviderName();
            Map<String, String> tokenLogins = new HashMap<>(logins);
            String developerUserId = tokenLogins.remove(provider);
            if (developerUserId != null && developerUserId.length() > 1024) {
                throw CognitoException.invalidParameter("1 validation error detected: Value at 'logins' failed to satisfy constraint:"
                        + " a developer user identifier must have length less than or equal to 1024");
            }
            return verifier.verifyToVend(pool, tokenLogins).chain(verified -> {
                List<VerifiedLogin> all = new ArrayList<>(verified);
                if (developerUserId != null) {
                    all.add(new VerifiedLogin(provider, developerUserId, JsonNodeFactory.instance.objectNode()));
                }
                all.sort(Comparator.comparing(VerifiedLogin::providerName));
                return identityOf(pool, identityId, all)
                        // two first uses of one login at once: the loser's link conflicted, the winner's identity is the one
                        .onFailure(IdentityService.LoginTaken.class).recoverWithUni(() -> identityOf(pool, identityId, all))
                        .chain(identity -> tokens.issue(pool, identity.id(), all, principalTags == null ? Map.of() : principalTags, duration)
                                .map(token -> new DeveloperToken(identity.id(), token)));
            });
        });
    }

    private Uni<Identity> identityOf(IdentityPool pool, String identityId, List<VerifiedLogin> logins) {
        if (identityId == null) {
            return db.withTransaction(tx -> identityService.identityOf(tx, pool, logins));
        }
        return db.withTransaction(tx -> identityInPool(tx, pool, identityId).chain(identity -> {
            if (identity.disabled()) {
                throw LoginVerifier.notAuthorized("Access to Identity '" + identityId + "' is forbidden.");
            }
            return identityService.linkTo(tx, pool, identityId, logins);
        }));
    }

    /** The identity id and one page of its developer user identifiers, found by either. */
    public record Lookup(String identityId, List<String> developerUserIdentifiers) {
    }

    /**
     * LookupDeveloperIdentity: the identity of {@code developerUserId}, or {@code identityId}; both given, they must
     * agree ({@code ResourceConflictException}). Returns up to {@code limit + 1} identifiers after {@code after}.
     */
    public Uni<Lookup> lookup(String poolId, String identityId, String developerUserId, String after, int limit) {
        return developerPool(poolId).chain(pool -> {
            String provider = pool.configuration().developerProviderName();
            Uni<String> found;
            if (developerUserId != null) {
                found = identities.identityOfLogin(db, pool.id(), provider, developerUserId).map(id -> {
                    String owner = id.orElseThrow(() -> CognitoException.resourceNotFound(
                            "Developer user identifier '" + developerUserId + "' not found."));
                    if (identityId != null && !identityId.equals(owner)) {
                        throw new CognitoException("ResourceConflictException",
                                "Developer user identifier '" + developerUserId + "' is not linked to identity '" + identityId + "'.");
                    }
                    return owner;
                });
            } else {
                found = identityInPool(db, pool, identityId).map(Identity::id);
            }
            return found.chain(id -> lifecycle.subjects(db, id, provider, after, limit + 1).map(ids -> new Lookup(id, ids)));
        });
    }

    /**
     * MergeDeveloperIdentities: the identity of {@code sourceUserId} is merged into the identity of
     * {@code destinationUserId} (its logins move, it is disabled); returns the destination's identity id.
     */
    public Uni<String> merge(String poolId, String developerProviderName, String sourceUserId, String destinationUserId) {
        return developerPool(poolId).chain(pool -> {
            requireProvider(pool, developerProviderName);
            return db.withTransaction(tx -> identityOfDeveloperUser(tx, pool, sourceUserId)
                    .chain(source -> identityOfDeveloperUser(tx, pool, destinationUserId).chain(destination -> {
                        if (source.equals(destination)) {
                            return Uni.createFrom().item(destination);
                        }
                        return merger.merge(tx, pool, destination, List.of(source)).replaceWith(destination);
                    })));
        });
    }

    /**
     * UnlinkDeveloperIdentity: unlinks the developer user identifier from the identity. Left without logins, the
     * identity is disabled (Cognito: it becomes inaccessible).
     */
    public Uni<Void> unlink(String poolId, String identityId, String developerProviderName, String developerUserId) {
        return developerPool(poolId).chain(pool -> {
            requireProvider(pool, developerProviderName);
            return db.withTransaction(tx -> identityInPool(tx, pool, identityId)
                    .chain(identity -> identities.findForUpdate(tx, identityId))
                    .chain(() -> lifecycle.unlinkLogin(tx, identityId, developerProviderName, developerUserId))
                    .chain(unlinked -> {
                        if (!unlinked) {
                            throw CognitoException.resourceNotFound("Developer user identifier '" + developerUserId
                                    + "' is not linked to identity '" + identityId + "'.");
                        }
                        return lifecycleService.afterUnlink(tx, identityId);
                    }));
        });
    }

    private Uni<String> identityOfDeveloperUser(SqlClient tx, IdentityPool pool, String developerUserId) {
        return identities.identityOfLogin(tx, pool.id(), pool.configuration().developerProviderName(), developerUserId)
                .map(id -> id.orElseThrow(() -> CognitoException.resourceNotFound("Developer user identifier '" + developerUserId + "' not found.")));
    }

    private Uni<Identity> identityInPool(SqlClient sql, IdentityPool pool, String identityId) {
        return identities.find(sql, identityId).map(found -> found.filter(identity -> identity.identityPoolId().equals(pool.id()))
                .orElseThrow(() -> IdentityService.identityNotFound(identityId)));
    }

    /** The pool, which must have a {@code DeveloperProviderName}. */
    private Uni<IdentityPool> developerPool(String poolId) {
        return identityService.pool(poolId).invoke(pool -> {
            if (pool.configuration().developerProviderName() == null) {
                throw LoginVerifier.notAuthorized(UNSUPPORTED_PROVIDER);
            }
        });
    }

    private static void requireProvider(IdentityPool pool, String developerProviderName) {
        if (!pool.configuration().developerProviderName().equals(developerProviderName)) {
            throw LoginVerifier.notAuthorized(UNSUPPORTED_PROVIDER);
        }
    }
}
