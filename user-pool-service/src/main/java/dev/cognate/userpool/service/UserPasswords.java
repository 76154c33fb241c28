package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.password.PasswordHashing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The one write path for a user's password. Every action that sets one — SignUp and AdminCreateUser (through
 * {@link UserCreation}), AdminCreateUser's RESEND, AdminSetUserPassword, ConfirmForgotPassword, ChangePassword and the
 * NEW_PASSWORD_REQUIRED challenge — first {@link #prepare prepares} it (policy, history, Argon2id hash, outside any
 * transaction), then {@link #set sets} it in its transaction: the user row (status, hash, temporary expiry), the
 * sealed SRP verifier, the password history and the {@code user.password.set} event, together or not at all.
 */
@ApplicationScoped
public class UserPasswords {

    /** Why a password is set: decides whether the pool's history is enforced and the status the user ends in. */
    public enum Reason {
        /** SignUp: a new UNCONFIRMED user (written by {@link UserCreation}). */
        SIGN_UP(false),
        /** AdminCreateUser: a new user's temporary password (written by {@link UserCreation}). */
        ADMIN_CREATE_USER(false),
        /** AdminCreateUser with {@code MessageAction} RESEND: a new temporary password for a FORCE_CHANGE_PASSWORD user. */
        INVITATION_RESENT(false),
        /** AdminSetUserPassword with {@code Permanent} false. */
        ADMIN_SET_TEMPORARY(true),
        /** AdminSetUserPassword with {@code Permanent} true. */
        ADMIN_SET_PERMANENT(true),
        /** ConfirmForgotPassword, with the code ForgotPassword or AdminResetUserPassword sent. */
        FORGOT_PASSWORD(true),
        /** ChangePassword, after the previous password was proven. */
        CHANGE(true),
        /**
         * RespondToAuthChallenge NEW_PASSWORD_REQUIRED (and the hosted login's page for it). Cognito models no
         * PasswordHistoryPolicyViolationException for this challenge, so history is recorded but not enforced.
         */
        NEW_PASSWORD_CHALLENGE(false),
        /** A user the UserMigration trigger brought in at sign-in, with the password that sign-in carried (written by {@link UserCreation}). */
        USER_MIGRATION(false);

        private final boolean enforcesHistory;

        Reason(boolean enforcesHistory) {
            this.enforcesHistory = enforcesHistory;
        }

        boolean createsUser() {
            return this == SIGN_UP || this == ADMIN_CREATE_USER || this == USER_MIGRATION;
        }
    }

    private final UserStore store;
    private final PasswordHashing hashing;
    private final PasswordHistory history;
    private final SrpVerifierStore srpVerifiers;
    private final Clock clock;

    public UserPasswords(UserStore store, PasswordHashing hashing, PasswordHistory history, SrpVerifierStore srpVerifiers, Clock clock) {
        this.store = store;
        this.hashing = hashing;
        this.history = history;
        this.srpVerifiers = srpVerifiers;
        this.clock = clock;
    }

    /**
     * Prepares a password whose reason enforces no history (a new user's, a resent invitation's, the NEW_PASSWORD_REQUIRED
     * challenge's): the pool's policy is checked at once — an {@code InvalidPasswordException} is thrown before anything
     * else runs, where the callers have always checked it — and the hash is computed on subscription.
     */
    public Uni<NewPassword> prepare(UserPool pool, String password, Reason reason) {
        if (reason.enforcesHistory) {
            throw new IllegalArgumentException(reason + " enforces the password history: prepare it with the user");
        }
        return prepare(null, pool, Uni.createFrom().item(Optional.empty()), password, reason);
    }

    /**
     * Prepares a password for a user that may exist: the pool's policy is checked at once, then (on subscription)
     * {@code current} is looked up and, for the reasons Cognito enforces it, the password is checked against that user's
     * last {@code PasswordHistorySize} passwords ({@code PasswordHistoryPolicyViolationException}), then hashed. Runs
     * before the transaction: every Argon2 computation happens on the hashing pool, never while a connection is held.
     *
     * @param current the user whose password changes, looked up after the policy check (a failure, say
     *                {@code UserNotFoundException}, fails the preparation); empty when the caller learns only later that
     *                there is no such user
     */
    public Uni<NewPassword> prepare(SqlClient sql, UserPool pool, Uni<Optional<User>> current, String password, Reason reason) {
        pool.config().passwordPolicy().check(password);
        return current.chain(user -> reason.enforcesHistory && user.isPresent()
                        ? history.checkNotReused(sql, pool, user.get(), password) : Uni.createFrom().voidItem())
                .chain(() -> hashing.hash(password))
                .map(hash -> new NewPassword(password, hash));
    }

    /**
     * Sets {@code password} on {@code user} (which may carry attribute changes of the same request, named by
     * {@code changedAttributes}) in {@code tx}: the status {@code reason} leads to, the hash and temporary expiry, the SRP
     * verifier, the history, and one {@code user.password.set} event. Answers the user as saved.
     */
    public Uni<User> set(SqlClient tx, UserPool pool, User user, NewPassword password, Reason reason, List<String> changedAttributes) {
        if (reason.createsUser()) {
            throw new IllegalArgumentException(reason + " creates a user: UserCreation writes its password");
        }
        if (user.status() == UserStatus.EXTERNAL_PROVIDER) {
            // a federated user signs in through its provider only: no password of its own (Cognate's wording)
            throw CognitoException.invalidParameter("Cannot set a password for a user of an external identity provider (EXTERNAL_PROVIDER).");
        }
        Instant now = now();
        User changed = switch (reason) {
            case INVITATION_RESENT, ADMIN_SET_TEMPORARY -> user.withPassword(password.hash(), UserStatus.FORCE_CHANGE_PASSWORD,
                    temporaryPasswordExpiry(pool, now), now);
            // Confirming a sign-up is ConfirmSignUp's: a reset password leaves an UNCONFIRMED user unconfirmed.
            case FORGOT_PASSWORD -> user.withPassword(password.hash(),
                    user.status() == UserStatus.UNCONFIRMED ? UserStatus.UNCONFIRMED : UserStatus.CONFIRMED, null, now);
            default -> user.withPassword(password.hash(), UserStatus.CONFIRMED, null, now);
        };
        // Trigger hook (issue 12), as the last step of the chain below: for FORGOT_PASSWORD, PostConfirmation
        // (PostConfirmation_ConfirmForgotPassword) runs in this transaction when the pool makes post triggers
        // synchronous, so its failure rolls the new password back; otherwise trigger-runner runs it from the event.
        return store.save(tx, pool, changed, UserPoolEvents.USER_PASSWORD_SET, changedAttributes)
                .call(saved -> srpVerifiers.save(tx, pool, saved, password.plainText(), now))
                .call(saved -> history.record(tx, pool, saved));
    }

    /**
     * AdminResetUserPassword: the current password stops working ({@code RESET_REQUIRED}) until ConfirmForgotPassword
     * sets a new one; a {@code user.password.reset} event. The hash, verifier and history stay: a reset is not a new
     * password.
     */
    public Uni<User> requireReset(SqlClient tx, UserPool pool, User user) {
        refuseResetOfExternalProvider(user);
        return store.save(tx, pool, user.withStatus(UserStatus.RESET_REQUIRED, now()), UserPoolEvents.USER_PASSWORD_RESET, List.of());
    }

    /**
     * AdminDisableProviderForUser with {@code ProviderName} {@code Cognito}: the user can no longer sign in with a password
     * (the hash and the SRP verifier go; the history stays, so the old password cannot come back); status, attributes and
     * other sign-in factors are kept. A {@code user.password.reset} event. Answers whether there was a password.
     */
    public Uni<Boolean> removePassword(SqlClient tx, UserPool pool, User user) {
        if (user.passwordHash() == null) {
            return Uni.createFrom().item(false);
        }
        User without = user.withPassword(null, user.status(), null, now());
        return store.save(tx, pool, without, UserPoolEvents.USER_PASSWORD_RESET, List.of())
                .call(() -> srpVerifiers.delete(tx, pool.id(), user.sub()))
                .replaceWith(true);
    }

    /**
     * A federated user ({@code EXTERNAL_PROVIDER}) has no password to reset: AdminResetUserPassword and ForgotPassword
     * answer Cognito's {@code NotAuthorizedException} "User password cannot be reset in the current state.".
     */
    public static void refuseResetOfExternalProvider(User user) {
        if (user.status() == UserStatus.EXTERNAL_PROVIDER) {
            throw new CognitoException("NotAuthorizedException", "User password cannot be reset in the current state.");
        }
    }

    /** When a temporary password set now stops working: the pool's {@code TemporaryPasswordValidityDays}. */
    public Instant temporaryPasswordExpiry(UserPool pool, Instant now) {
        return now.plus(Duration.ofDays(pool.config().passwordPolicy().temporaryPasswordValidityDays()));
    }

    /** Derived secrets of a password a new user gets ({@link UserCreation}): its SRP verifier and first history entry. */
    Uni<Void> deriveSecrets(SqlClient tx, UserPool pool, User user, NewPassword password, Instant now) {
        Uni<Void> verifier = password == null ? Uni.createFrom().voidItem() : srpVerifiers.save(tx, pool, user, password.plainText(), now);
        return verifier.chain(() -> user.passwordHash() == null ? Uni.createFrom().voidItem() : history.recordFirst(tx, pool, user));
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
