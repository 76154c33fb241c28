package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.password.PasswordHashing;
import dev.cognate.userpool.service.UserMigration;
import dev.cognate.userpool.service.UserPasswords;
import dev.cognate.userpool.service.UserStore;
import dev.cognate.userpool.trigger.PreAuthenticationTrigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * The first factor of the password flows: find the user by username, alias or sub; refuse while locked; verify the
 * password with Argon2id off the event loop (a dummy hash for unknown users, so timing tells nothing); then the user's
 * state, in Cognito's order and words. SRP shares the lockout, {@link #preAuthentication} and {@link #checkAccount}.
 */
@ApplicationScoped
public class PasswordSignIn {

    private final Pool db;
    private final UserStore store;
    private final PasswordHashing hashing;
    private final SignInAudit audit;
    private final PreAuthenticationTrigger preAuthentication;
    private final UserMigration migration;
    private final UserPasswords passwords;
    private final Clock clock;

    public PasswordSignIn(Pool db, UserStore store, PasswordHashing hashing, SignInAudit audit, PreAuthenticationTrigger preAuthentication,
                          UserMigration migration, UserPasswords passwords, Clock clock) {
        this.passwords = passwords;
        this.preAuthentication = preAuthentication;
        this.migration = migration;
        this.db = db;
        this.store = store;
        this.hashing = hashing;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The user whose password this is, ready for the next step; every refusal recorded. The pool's PreAuthentication
     * trigger runs before the password is checked, so its veto counts no failed attempt. A name the pool does not know
     * goes to its UserMigration trigger ({@code UserMigration_Authentication}) with the password: the user the function
     * vouches for is created with it and the sign-in goes on (the function checked the password, so it is not hashed
     * twice).
     */
    public Uni<User> verify(AuthContext context, String username, String password) {
        return store.find(db, context.pool(), username, false).chain(found -> {
            if (found.isEmpty()) {
                return migration.atSignIn(context.pool(), context.client().clientId(), username, password, context.validationData())
                        .onFailure(CognitoException.class).recoverWithUni(failure ->
                                audit.refuse(context, null, username, "user_migration_failed", (CognitoException) failure))
                        .chain(migrated -> migrated.isPresent()
                                ? preAuthentication(context, username, migrated.get()).chain(() -> checkAccount(context, migrated.get()))
                                : preAuthentication(context, username, null)
                                .chain(() -> hashing.verify(password, null)).chain(() -> unknownUser(context, username)));
            }
            return verify(context, username, found.get(), password);
        });
    }

    /**
     * As above for a user already found by {@code username} (choice-based sign-in's PASSWORD factor): locked, the
     * PreAuthentication trigger, the password — a user without one (password-less) fails as a wrong password, after the
     * same dummy Argon2id cost —, then the account's state. A correct password whose hash was made with other Argon2id
     * parameters than the configured ones is hashed again with them ({@link UserPasswords#rehashAfterSignIn}) before the
     * account's state is checked, whatever that state: the password was proven either way.
     */
    public Uni<User> verify(AuthContext context, String username, User user, String password) {
        return audit.checkNotLocked(context, user)
                .chain(() -> preAuthentication(context, username, user))
                .chain(() -> hashing.verify(password, user.passwordHash()))
                .chain(matches -> matches
                        ? passwords.rehashAfterSignIn(db, user, password).chain(current -> checkAccount(context, current))
                        : audit.wrongPassword(context, user));
    }

    /**
     * The pool's PreAuthentication trigger ({@code PreAuthentication_Authentication}) for {@code user} ({@code null}: no
     * user has the name; the trigger then runs only for clients that prevent user existence errors). Its veto is
     * recorded as a refused sign-in ({@code pre_authentication_failed}) and fails with the trigger's exception.
     */
    public Uni<Void> preAuthentication(AuthContext context, String username, User user) {
        return Uni.createFrom().deferred(() -> preAuthentication.run(context.pool().id(), context.pool().config().lambdaConfig(), username, user,
                        context.client().clientId(), context.validationData(), context.client().preventsUserExistenceErrors()))
                .onFailure(CognitoException.class).recoverWithUni(failure ->
                        audit.refuse(context, user, username, "pre_authentication_failed", (CognitoException) failure));
    }

    /** An unknown name: "Incorrect username or password." — or "User does not exist." for clients with PreventUserExistenceErrors LEGACY. */
    public <T> Uni<T> unknownUser(AuthContext context, String username) {
        return audit.refuse(context, null, username, "unknown_user",
                context.revealsUnknownUsers() ? UserStore.userNotFound() : SignInAudit.incorrect());
    }

    /** After a correct password: disabled, unconfirmed, reset-required and expired temporary passwords are refused. */
    public Uni<User> checkAccount(AuthContext context, User user) {
        if (!user.enabled()) {
            return audit.refuse(context, user, user.username(), "disabled", new CognitoException("NotAuthorizedException", "User is disabled."));
        }
        if (user.status() == UserStatus.UNCONFIRMED) {
            return audit.refuse(context, user, user.username(), "not_confirmed",
                    new CognitoException("UserNotConfirmedException", "User is not confirmed."));
        }
        if (user.status() == UserStatus.RESET_REQUIRED) {
            return audit.refuse(context, user, user.username(), "password_reset_required",
                    new CognitoException("PasswordResetRequiredException", "Password reset required for the user"));
        }
        if (user.status() == UserStatus.FORCE_CHANGE_PASSWORD && user.temporaryPasswordExpiresAt() != null
                && user.temporaryPasswordExpiresAt().isBefore(clock.instant())) {
            return audit.refuse(context, user, user.username(), "temporary_password_expired", new CognitoException("NotAuthorizedException",
                    "Temporary password has expired and must be reset by an administrator."));
        }
        return Uni.createFrom().item(user);
    }
}
