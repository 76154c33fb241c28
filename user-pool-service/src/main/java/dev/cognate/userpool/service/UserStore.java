package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finding and saving users, shared by every user action: a name given to an admin action is a
 * username, a sign-in alias or a {@code sub}; a saved user keeps its aliases unique and publishes its
 * event in the same transaction.
 */
@ApplicationScoped
public class UserStore {

    private final UserRepository users;
    private final Clock clock;

    public UserStore(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /** Cognito's answer for a name that finds no user. */
    public static CognitoException userNotFound() {
        return new CognitoException("UserNotFoundException", "User does not exist.");
    }

    /**
     * The answer to a user flow naming an unknown user when its client does not prevent user existence errors
     * ({@code PreventUserExistenceErrors} LEGACY).
     */
    public static CognitoException userNotFoundForClient() {
        return new CognitoException("UserNotFoundException", "Username/client id combination not found.");
    }

    /** The user a name designates: its username, else one of the pool's alias kinds, else its {@code sub}. */
    public Uni<Optional<User>> find(SqlClient sql, UserPool pool, String name, boolean lock) {
        SignInIdentifiers identifiers = SignInIdentifiers.of(pool.settings());
        return users.findByUsernameKey(sql, pool.id(), identifiers.usernameKey(name), lock)
                .chain(found -> found.isPresent() ? Uni.createFrom().item(found) : findByAliasOrSub(sql, pool, name, lock));
    }

    /** What {@link #find} tries once the name is not a username: a sign-in alias of the pool, then a {@code sub}. */
    public Uni<Optional<User>> findByAliasOrSub(SqlClient sql, UserPool pool, String name, boolean lock) {
        SignInIdentifiers identifiers = SignInIdentifiers.of(pool.settings());
        List<String> kinds = identifiers.lookupKinds();
        Uni<Optional<User>> byAlias = kinds.isEmpty() ? Uni.createFrom().item(Optional.empty())
                : users.findByAlias(sql, pool.id(), kinds, kinds.stream().map(kind -> identifiers.aliasKey(kind, name)).toList(), lock);
        return byAlias
                .chain(found -> {
                    UUID sub = found.isPresent() ? null : asUuid(name);
                    return sub == null ? Uni.createFrom().item(found) : users.findBySub(sql, pool.id(), sub, lock);
                });
    }

    /** The user whose username is exactly {@code username} (no alias, no {@code sub}), as the pool compares names. */
    public Uni<Optional<User>> findByUsername(SqlClient sql, UserPool pool, String username, boolean lock) {
        return users.findByUsernameKey(sql, pool.id(), SignInIdentifiers.of(pool.settings()).usernameKey(username), lock);
    }

    /** The user a name designates, or {@code UserNotFoundException}. */
    public Uni<User> require(SqlClient sql, UserPool pool, String name, boolean lock) {
        return find(sql, pool, name, lock).map(found -> found.orElseThrow(UserStore::userNotFound));
    }

    /**
     * Inserts a new user whose aliases were checked, mapping a concurrent duplicate to Cognito's exceptions. Only the user
     * write path ({@link UserCreation}) creates users.
     */
    Uni<Void> insert(SqlClient tx, UserPool pool, User user) {
        SignInIdentifiers identifiers = SignInIdentifiers.of(pool.settings());
        return users.insert(tx, user, identifiers.usernameKey(user.username()), aliasesOf(identifiers, user))
                .onFailure(PgException.class).transform(failure -> duplicate((PgException) failure, identifiers));
    }

    /** Rewrites a changed user after checking that its aliases belong to no one else, and publishes {@code type}. */
    public Uni<User> save(SqlClient tx, UserPool pool, User user, EventType<UserPoolEvents.UserChanged> type, List<String> attributeNames) {
        SignInIdentifiers identifiers = SignInIdentifiers.of(pool.settings());
        Map<String, String> aliases = aliasesOf(identifiers, user);
        return checkAliasesFree(tx, pool, user.sub(), aliases, identifiers)
                .chain(() -> users.update(tx, user, aliases))
                .onFailure(PgException.class).transform(failure -> duplicate((PgException) failure, identifiers))
                .chain(() -> publish(tx, user, type, attributeNames))
                .replaceWith(user);
    }

    /**
     * Makes a new or newly verified user's aliases free: taken ones (by another user) fail ({@code AliasExistsException}, or
     * {@code UsernameExistsException} where email/phone is the username) unless {@code force}, which
     * moves an alias from its holder by marking the holder's email or phone number unverified (or
     * removing its {@code preferred_username}).
     */
    public Uni<Void> takeAliases(SqlClient tx, UserPool pool, User user, boolean force) {
        SignInIdentifiers identifiers = SignInIdentifiers.of(pool.settings());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> alias : aliasesOf(identifiers, user).entrySet()) {
            String kind = alias.getKey();
            chain = chain.chain(() -> users.aliasOwner(tx, pool.id(), kind, alias.getValue())).chain(owner -> {
                if (owner.isEmpty() || owner.get().equals(user.sub())) {
                    return Uni.createFrom().voidItem();
                }
                if (!force || identifiers.usernameAttributes().contains(kind)) {
                    throw UserStore.aliasTaken(kind, identifiers);
                }
                return users.findBySub(tx, pool.id(), owner.get(), true).chain(holder -> {
                    User previous = holder.orElseThrow();
                    Map<String, String> attributes = new LinkedHashMap<>(previous.attributes());
                    if (SignInIdentifiers.PREFERRED_USERNAME.equals(kind)) {
                        attributes.remove(kind);
                    } else {
                        attributes.put(kind + "_verified", "false");
                    }
                    return save(tx, pool, previous.withAttributes(attributes, clock.instant().truncatedTo(ChronoUnit.MILLIS)), UserPoolEvents.USER_UPDATED,
                            List.of(SignInIdentifiers.PREFERRED_USERNAME.equals(kind) ? kind : kind + "_verified")).replaceWithVoid();
                });
            });
        }
        return chain;
    }

    /**
     * The aliases {@code user} holds. A federated user ({@code EXTERNAL_PROVIDER}) holds none: it signs in only through its
     * provider, and Cognito lets it share an email or phone number with a native user (which linking then joins).
     */
    static Map<String, String> aliasesOf(SignInIdentifiers identifiers, User user) {
        return user.status() == UserStatus.EXTERNAL_PROVIDER ? Map.of() : identifiers.aliasesOf(user.attributes());
    }

    static Uni<Void> publish(SqlClient tx, User user, EventType<UserPoolEvents.UserChanged> type, List<String> attributeNames) {
        return UserPoolEventOutbox.publishForUser(tx, user.userPoolId(), user.sub(), type, new UserPoolEvents.UserChanged(
                user.userPoolId(), user.sub().toString(), user.username(), user.status().name(), user.enabled(), attributeNames));
    }

    /** Refuses an alias another user holds: {@code AliasExistsException}, as Cognito words it. */
    public Uni<Void> checkAliasesFree(SqlClient tx, UserPool pool, UUID sub, Map<String, String> aliases, SignInIdentifiers identifiers) {
        List<Uni<Void>> checks = new ArrayList<>();
        aliases.forEach((kind, key) -> checks.add(users.aliasOwner(tx, pool.id(), kind, key).invoke(owner -> {
            if (owner.isPresent() && !owner.get().equals(sub)) {
                throw aliasTaken(kind, identifiers);
            }
        }).replaceWithVoid()));
        return checks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(checks).andFailFast().replaceWithVoid();
    }

    static CognitoException aliasTaken(String kind, SignInIdentifiers identifiers) {
        if (identifiers.usernameAttributes().contains(kind)) {
            return new CognitoException("UsernameExistsException", "An account with the given " + kind + " already exists.");
        }
        return new CognitoException("AliasExistsException", "An account with the " + kind + " already exists.");
    }

    private static Throwable duplicate(PgException failure, SignInIdentifiers identifiers) {
        if (!"23505".equals(failure.getSqlState())) {
            return failure;
        }
        if (UserRepository.USERNAME_CONSTRAINT.equals(failure.getConstraint())) {
            return new CognitoException("UsernameExistsException", "User account already exists");
        }
        if (UserRepository.ALIAS_CONSTRAINT.equals(failure.getConstraint())) {
            String detail = String.valueOf(failure.getDetail());
            String kind = detail.contains(SignInIdentifiers.PHONE_NUMBER) ? SignInIdentifiers.PHONE_NUMBER
                    : detail.contains(SignInIdentifiers.PREFERRED_USERNAME) ? SignInIdentifiers.PREFERRED_USERNAME : SignInIdentifiers.EMAIL;
            return aliasTaken(kind, identifiers);
        }
        return failure;
    }

    private static UUID asUuid(String name) {
        if (name.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
