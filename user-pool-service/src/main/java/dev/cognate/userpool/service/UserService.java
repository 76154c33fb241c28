package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.NewUser;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserFilter;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.validation.UserAttributeRules;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The admin side of a pool's directory: creating, reading, changing, disabling and deleting users, and
 * listing them. Each change and its events commit in one transaction; passwords are hashed before the
 * transaction starts, so no connection waits on Argon2.
 */
@ApplicationScoped
public class UserService {

    /** AdminCreateUser's members beyond the username and attributes. */
    public record Invitation(String temporaryPassword, String messageAction, List<String> desiredDeliveryMediums, boolean forceAliasCreation) {
    }

    static final long EXACT_COUNT_LIMIT = 10_000;
    private static final Duration LARGE_POOL_COUNT_TTL = Duration.ofMinutes(1);

    private record CachedCount(long count, Instant countedAt) {
    }

    private final java.util.concurrent.ConcurrentMap<String, CachedCount> largePoolCounts = new java.util.concurrent.ConcurrentHashMap<>();

    private final Pool db;
    private final UserPoolRepository pools;
    private final UserRepository users;
    private final UserStore store;
    private final Invitations invitations;
    private final UserPasswords passwords;
    private final UserCreation creation;
    private final UserDeletion deletion;
    private final Clock clock;

    public UserService(Pool db, UserPoolRepository pools, UserRepository users, UserStore store, Invitations invitations,
                       UserPasswords passwords, UserCreation creation, UserDeletion deletion, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.users = users;
        this.store = store;
        this.invitations = invitations;
        this.passwords = passwords;
        this.creation = creation;
        this.deletion = deletion;
        this.clock = clock;
    }

    public Uni<User> adminCreateUser(String poolId, String username, Map<String, String> attributes, Invitation invitation,
                                     TriggerCaller caller) {
        return pools.require(db, poolId).chain(pool -> {
            String temporaryPassword = invitation.temporaryPassword() != null ? invitation.temporaryPassword()
                    : pool.config().passwordPolicy().generateTemporaryPassword();
            if ("RESEND".equals(invitation.messageAction())) {
                return passwords.prepare(pool, temporaryPassword, UserPasswords.Reason.INVITATION_RESENT)
                        .chain(newPassword -> db.withTransaction(tx -> resendInvitation(tx, pool, username, newPassword, invitation, caller)));
            }
            Uni<NewPassword> prepared = passwords.prepare(pool, temporaryPassword, UserPasswords.Reason.ADMIN_CREATE_USER);
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
            User draft = NewUser.of(pool, username, attributes, UserStatus.FORCE_CHANGE_PASSWORD, passwords.temporaryPasswordExpiry(pool, now), now);
            return prepared.chain(newPassword -> creation.beforeTransaction(pool, draft, UserCreation.Source.ADMIN_CREATE_USER, caller)
                    .chain(decided -> db.withTransaction(tx ->
                    creation.create(tx, pool, decided, newPassword, UserCreation.Source.ADMIN_CREATE_USER, invitation.forceAliasCreation())
                            .call(user -> "SUPPRESS".equals(invitation.messageAction()) ? Uni.createFrom().voidItem()
                                    : invitations.invite(tx, pool, user, temporaryPassword, invitation.desiredDeliveryMediums(), caller)))));
        });
    }

    public Uni<User> adminGetUser(String poolId, String username) {
        return pools.require(db, poolId).chain(pool -> store.require(db, pool, username, false));
    }

    public Uni<Void> adminDeleteUser(String poolId, String username) {
        return db.withTransaction(tx -> pools.require(tx, poolId)
                .chain(pool -> store.require(tx, pool, username, true))
                .call(user -> deletion.delete(tx, user))
                .replaceWithVoid());
    }

    public Uni<Void> setEnabled(String poolId, String username, boolean enabled) {
        return db.withTransaction(tx -> pools.require(tx, poolId).chain(pool -> store.require(tx, pool, username, true)
                .chain(user -> user.enabled() == enabled ? Uni.createFrom().voidItem()
                        : store.save(tx, pool, user.withEnabled(enabled, now()),
                                enabled ? UserPoolEvents.USER_ENABLED : UserPoolEvents.USER_DISABLED, List.of()).replaceWithVoid())));
    }

    public Uni<Void> adminUpdateUserAttributes(String poolId, String username, Map<String, String> changes) {
        return db.withTransaction(tx -> pools.require(tx, poolId).chain(pool -> store.require(tx, pool, username, true)
                .chain(user -> {
                    Map<String, String> updated = new UserAttributeRules(PoolSchema.of(pool.settings())).forUpdate(user.attributes(), changes);
                    return store.save(tx, pool, user.withAttributes(updated, now()), UserPoolEvents.USER_UPDATED, changedNames(user.attributes(), updated));
                }))).replaceWithVoid();
    }

    public Uni<Void> adminDeleteUserAttributes(String poolId, String username, List<String> names) {
        return db.withTransaction(tx -> pools.require(tx, poolId).chain(pool -> store.require(tx, pool, username, true)
                .chain(user -> {
                    Map<String, String> remaining = new UserAttributeRules(PoolSchema.of(pool.settings())).forDelete(user.attributes(), names);
                    return store.save(tx, pool, user.withAttributes(remaining, now()), UserPoolEvents.USER_UPDATED, changedNames(user.attributes(), remaining));
                }))).replaceWithVoid();
    }

    /** One page of ListUsers: unfiltered in username order, filtered in (value, sub) order. */
    public Uni<Page<User>> listUsers(String poolId, UserFilter filter, String paginationToken, int limit) {
        String after = PaginationToken.decode(paginationToken);
        return pools.require(db, poolId).chain(pool -> {
            if (filter == null) {
                SignInIdentifiers identifiers = SignInIdentifiers.of(pool.settings());
                return users.page(db, poolId, after, limit + 1)
                        .map(found -> Page.of(found, limit, user -> identifiers.usernameKey(user.username())));
            }
            String from = UserFilter.indexed(filter.value());
            String to = filter.prefix() ? UserFilter.upperBound(from) : null;
            String[] key = after == null ? null : after.split("\0", 2);
            if (key != null && (key.length != 2 || asUuid(key[1]) == null)) {
                throw CognitoException.invalidParameter("Invalid pagination token.");
            }
            return users.search(db, poolId, filter.attribute(), from, to, !filter.prefix(), key == null ? null : key[0], key == null ? null : asUuid(key[1]), limit + 1)
                    .map(found -> Page.of(found, limit, entry -> entry.getKey() + "\0" + entry.getValue().sub())
                            .map(Map.Entry::getValue))
                    .map(page -> new Page<>(page.items().stream().filter(user -> filter.matches(filter.actualValue(user))).toList(),
                            page.nextToken()));
        });
    }

    /**
     * DescribeUserPool's {@code EstimatedNumberOfUsers}: exact for small pools; for pools above
     * {@value #EXACT_COUNT_LIMIT} users a count reused for up to a minute, since counting a million rows
     * takes a noticeable fraction of a second and Cognito promises only an estimate.
     */
    public Uni<Long> estimatedNumberOfUsers(String poolId) {
        CachedCount cached = largePoolCounts.get(poolId);
        if (cached != null && cached.countedAt().plus(LARGE_POOL_COUNT_TTL).isAfter(clock.instant())) {
            return Uni.createFrom().item(cached.count());
        }
        return users.count(db, poolId).invoke(count -> {
            if (count > EXACT_COUNT_LIMIT) {
                largePoolCounts.put(poolId, new CachedCount(count, clock.instant()));
            } else {
                largePoolCounts.remove(poolId);
            }
        });
    }

    private Uni<User> resendInvitation(SqlClient tx, UserPool pool, String username, NewPassword temporaryPassword, Invitation invitation,
                                       TriggerCaller caller) {
        return store.require(tx, pool, username, true).chain(user -> {
            if (user.status() != UserStatus.FORCE_CHANGE_PASSWORD) {
                throw new CognitoException("UnsupportedUserStateException",
                        "Resend not possible. " + user.username() + " status is not FORCE_CHANGE_PASSWORD");
            }
            return passwords.set(tx, pool, user, temporaryPassword, UserPasswords.Reason.INVITATION_RESENT, List.of())
                    .call(saved -> invitations.invite(tx, pool, saved, temporaryPassword.plainText(), invitation.desiredDeliveryMediums(), caller));
        });
    }

    static List<String> changedNames(Map<String, String> before, Map<String, String> after) {
        List<String> names = new ArrayList<>();
        after.forEach((name, value) -> {
            if (!value.equals(before.get(name))) {
                names.add(name);
            }
        });
        before.keySet().stream().filter(name -> !after.containsKey(name)).forEach(names::add);
        return names;
    }

    /** The injected clock's time, truncated to the milliseconds the rows keep. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static UUID asUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
