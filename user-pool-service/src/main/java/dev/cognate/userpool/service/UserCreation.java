package dev.cognate.userpool.service;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.EventType;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.trigger.LambdaTriggers;
import dev.cognate.userpool.trigger.PreSignUpTrigger;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one write path that creates a user — SignUp, AdminCreateUser, CognateAdmin.ImportUserPool, CSV import jobs and
 * the UserMigration trigger:
 * the user row with its aliases and ListUsers index, the password's derived secrets (sealed SRP verifier, first
 * history entry) and the creation event, all in the caller's transaction, so a failure at any step (a taken alias)
 * leaves no user behind. The PreSignUp trigger runs in {@link #beforeTransaction}, which SignUp and AdminCreateUser call
 * before they open the transaction: a slow function holds no database connection, and its veto leaves nothing at all. What a source adds beside the user (a confirmation code,
 * an invitation, group memberships, an authentication event) the caller writes in the same transaction.
 */
@ApplicationScoped
public class UserCreation {

    /** Where a new user comes from: decides its event and which trigger runs ({@link #beforeTransaction}). */
    public enum Source {
        /** SignUp (the JSON API and the hosted sign-up page). */
        SIGN_UP(UserPoolEvents.USER_SIGNED_UP),
        /** AdminCreateUser. */
        ADMIN_CREATE_USER(UserPoolEvents.USER_CREATED),
        /** A user line of CognateAdmin.ImportUserPool: keeps its sub, status and Argon2id hash; no trigger, as for Cognito imports. */
        POOL_IMPORT(UserPoolEvents.USER_CREATED),
        /** A row of a CSV import job: RESET_REQUIRED, no password; no trigger, as for Cognito imports. */
        CSV_IMPORT(UserPoolEvents.USER_CREATED),
        /**
         * The user a UserMigration trigger's answer describes ({@link UserMigration}), with the password the sign-in
         * carried (none for ForgotPassword); the trigger already ran, so no other trigger runs here.
         */
        USER_MIGRATION(UserPoolEvents.USER_CREATED),
        /**
         * The federated user ({@code EXTERNAL_PROVIDER}) of a first sign-in through an identity provider
         * ({@code federation/}); PreSignUp runs as {@code PreSignUp_ExternalProvider}.
         */
        EXTERNAL_PROVIDER(UserPoolEvents.USER_CREATED);

        private final EventType<UserPoolEvents.UserChanged> event;

        Source(EventType<UserPoolEvents.UserChanged> event) {
            this.event = event;
        }
    }

    private final UserStore store;
    private final UserPasswords passwords;
    private final PreSignUpTrigger preSignUp;

    public UserCreation(UserStore store, UserPasswords passwords, PreSignUpTrigger preSignUp) {
        this.store = store;
        this.passwords = passwords;
        this.preSignUp = preSignUp;
    }

    /**
     * The trigger hook of a new user, run before the caller's transaction: for SIGN_UP and ADMIN_CREATE_USER, the pool's
     * PreSignUp trigger ({@code PreSignUp_SignUp}, {@code PreSignUp_AdminCreateUser}) sees the draft; its veto fails
     * here with Cognito's exception (nothing was written, no code is sent), and its answer adjusts the draft:
     * {@code autoConfirmUser} makes a sign-up CONFIRMED (ignored for AdminCreateUser, whose user must still change the
     * temporary password, as in Cognito), {@code autoVerifyEmail} / {@code autoVerifyPhone} set {@code email_verified}
     * / {@code phone_number_verified} (the user must have that attribute).
     *
     * @return the draft to {@link #create}
     */
    public Uni<User> beforeTransaction(UserPool pool, User draft, Source source, TriggerCaller caller) {
        String triggerSource = switch (source) {
            case SIGN_UP -> PreSignUpTrigger.SIGN_UP;
            case ADMIN_CREATE_USER -> PreSignUpTrigger.ADMIN_CREATE_USER;
            case EXTERNAL_PROVIDER -> PreSignUpTrigger.EXTERNAL_PROVIDER;
            case POOL_IMPORT, CSV_IMPORT, USER_MIGRATION -> null;
        };
        if (triggerSource == null) {
            return Uni.createFrom().item(draft);
        }
        return preSignUp.run(pool.id(), pool.config().lambdaConfig(), triggerSource, draft.username(), draft.attributes(), caller)
                .map(decision -> decided(draft, decision, source));
    }

    static User decided(User draft, PreSignUpTrigger.Decision decision, Source source) {
        Map<String, String> attributes = new LinkedHashMap<>(draft.attributes());
        verify(attributes, decision.autoVerifyEmail(), "email");
        verify(attributes, decision.autoVerifyPhone(), "phone_number");
        User user = attributes.equals(draft.attributes()) ? draft : draft.withAttributes(attributes, draft.creationDate());
        return decision.autoConfirmUser() && source == Source.SIGN_UP ? user.withStatus(UserStatus.CONFIRMED, draft.creationDate()) : user;
    }

    private static void verify(Map<String, String> attributes, boolean verify, String attribute) {
        if (!verify) {
            return;
        }
        if (attributes.get(attribute) == null || attributes.get(attribute).isEmpty()) {
            // Cognito: "the attribute must have a valid, non-null value. Otherwise an error will occur".
            throw new CognitoException(LambdaTriggers.invalidResponse().type(), "PreSignUp asked to verify " + attribute
                    + " but the user has no " + attribute + ".");
        }
        attributes.put(attribute + "_verified", "true");
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
        User user = password == null ? draft
                : draft.withPassword(password.hash(), draft.status(), draft.temporaryPasswordExpiresAt(), draft.creationDate());
        return store.takeAliases(tx, pool, user, forceAliasCreation)
                .chain(() -> store.insert(tx, pool, user))
                .chain(() -> passwords.deriveSecrets(tx, pool, user, password, user.creationDate()))
                .chain(() -> UserStore.publish(tx, user, source.event, List.copyOf(user.attributes().keySet())))
                .replaceWith(user);
    }
}
