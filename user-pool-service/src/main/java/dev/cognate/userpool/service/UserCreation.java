package dev.cognate.userpool.service;

import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The one write path that creates a user — SignUp, AdminCreateUser, CognateAdmin.ImportUserPool and CSV import jobs:
 * the user row with its aliases and ListUsers index, the password's derived secrets (sealed SRP verifier, first
 * history entry) and the creation event, all in the caller's transaction, so a failure at any step (a taken alias, a
 * trigger's veto once triggers exist) leaves no user behind. What a source adds beside the user (a confirmation code,
 * an invitation, group memberships, an authentication event) the caller writes in the same transaction.
 */
@ApplicationScoped
public class UserCreation {

    /** Where a new user comes from: decides its event and, once triggers exist, which trigger runs. */
    public enum Source {
        /** SignUp (the JSON API and the hosted sign-up page). */
        SIGN_UP(UserPoolEvents.USER_SIGNED_UP),
        /** AdminCreateUser. */
        ADMIN_CREATE_USER(UserPoolEvents.USER_CREATED),
        /** A user line of CognateAdmin.ImportUserPool: keeps its sub, status and Argon2id hash; no trigger, as for Cognito imports. */
        POOL_IMPORT(UserPoolEvents.USER_CREATED),
        /** A row of a CSV import job: RESET_REQUIRED, no password; no trigger, as for Cognito imports. */
        CSV_IMPORT(UserPoolEvents.USER_CREATED);
        // The UserMigration trigger (issue 12) will add a source here: the user its answer describes, created with the
        // password the sign-in (UserMigration_Authentication) or ForgotPassword (UserMigration_ForgotPassword) carried.

        private final EventType<UserPoolEvents.UserChanged> event;

        Source(EventType<UserPoolEvents.UserChanged> event) {
            this.event = event;
        }
    }

    private final UserStore store;
    private final UserPasswords passwords;

    public UserCreation(UserStore store, UserPasswords passwords) {
        this.store = store;
        this.passwords = passwords;
    }

    /**
     * Writes {@code draft} (status, attributes and, for imports, the hash it brings) as a new user of {@code pool}.
     *
     * @param password the password {@link UserPasswords#prepare prepared} for SignUp or AdminCreateUser, or {@code null}
     *                 for imports (a pool file brings a hash but no plain text, so its users get an SRP verifier the
     *                 next time their password is set)
     * @param forceAliasCreation AdminCreateUser's {@code ForceAliasCreation}: a verified alias another user holds moves here
     * @return the user as stored
     */
    public Uni<User> create(SqlClient tx, UserPool pool, User draft, NewPassword password, Source source, boolean forceAliasCreation) {
        // Trigger hook (issue 12): for SIGN_UP and ADMIN_CREATE_USER, PreSignUp (PreSignUp_SignUp,
        // PreSignUp_AdminCreateUser) runs here, before any row is written: a veto fails this transaction with nothing
        // written, and its answer (autoConfirmUser, autoVerifyEmail, autoVerifyPhone) adjusts the draft.
        User user = password == null ? draft
                : draft.withPassword(password.hash(), draft.status(), draft.temporaryPasswordExpiresAt(), draft.creationDate());
        return store.takeAliases(tx, pool, user, forceAliasCreation)
                .chain(() -> store.insert(tx, pool, user))
                .chain(() -> passwords.deriveSecrets(tx, pool, user, password, user.creationDate()))
                .chain(() -> UserStore.publish(tx, user, source.event, List.copyOf(user.attributes().keySet())))
                .replaceWith(user);
    }
}
