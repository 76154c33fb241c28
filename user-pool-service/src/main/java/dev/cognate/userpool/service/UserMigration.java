package dev.cognate.userpool.service;

import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.domain.NewUser;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.trigger.TriggerCaller;
import dev.cognate.userpool.trigger.UserMigrationTrigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Users brought in by the pool's UserMigration trigger, when a name the pool does not know signs in with a password
 * ({@code UserMigration_Authentication}) or asks for a reset code ({@code UserMigration_ForgotPassword}). The function
 * runs before any transaction (a slow function holds no connection); the user its answer describes is then written by
 * the one creation path ({@link UserCreation}, source USER_MIGRATION): row, aliases (its {@code forceAliasCreation}),
 * the sign-in's password with its SRP verifier and history, the {@code user.created} event and — unless the answer
 * says {@code SUPPRESS} — the welcome message AdminCreateUser would send ({@link Invitations}), all in one transaction.
 * The caller's request then continues with the new user, as in Cognito.
 */
@ApplicationScoped
public class UserMigration {

    private final Pool db;
    private final UserMigrationTrigger trigger;
    private final UserCreation creation;
    private final UserPasswords passwords;
    private final Invitations invitations;
    private final Clock clock;

    public UserMigration(Pool db, UserMigrationTrigger trigger, UserCreation creation, UserPasswords passwords, Invitations invitations,
                         Clock clock) {
        this.db = db;
        this.trigger = trigger;
        this.creation = creation;
        this.passwords = passwords;
        this.invitations = invitations;
        this.clock = clock;
    }

    /** Whether {@code pool} has a UserMigration trigger. */
    public static boolean migrates(UserPool pool) {
        return UserMigrationTrigger.configured(pool.config().lambdaConfig());
    }

    /**
     * A password sign-in of a name the pool does not know: the user the function describes, created with
     * {@code password} in the status it names ({@code CONFIRMED} when absent; {@code RESET_REQUIRED} refuses the sign-in
     * until a reset), or empty when the pool has no UserMigration trigger.
     *
     * @param validationData the sign-in's {@code ClientMetadata}, which Cognito passes as {@code validationData}
     */
    public Uni<Optional<User>> atSignIn(UserPool pool, String clientId, String username, String password, Map<String, String> validationData) {
        return trigger.run(pool.id(), pool.config().lambdaConfig(), UserMigrationTrigger.AUTHENTICATION, username, clientId, password,
                        validationData, null)
                .chain(answer -> answer.isEmpty() ? Uni.createFrom().item(Optional.<User>empty())
                        : create(pool, username, password, answer.get(), UserStatus.valueOf(answer.get().finalUserStatus()),
                        new TriggerCaller(clientId, validationData, null), (tx, user) -> Uni.createFrom().item(user)).map(Optional::of));
    }

    /**
     * ForgotPassword of a name the pool does not know: the user the function describes, created {@code RESET_REQUIRED}
     * without a password (Cognito sends the function none), then {@code andThen} (the reset code) in the same
     * transaction, so a user who cannot receive the code is not left behind. Empty when the pool has no trigger.
     */
    public <T> Uni<Optional<T>> atForgotPassword(UserPool pool, TriggerCaller caller, String username,
                                                 BiFunction<SqlClient, User, Uni<T>> andThen) {
        return trigger.run(pool.id(), pool.config().lambdaConfig(), UserMigrationTrigger.FORGOT_PASSWORD, username, caller.clientId(), null,
                        null, caller.clientMetadata())
                .chain(answer -> answer.isEmpty() ? Uni.createFrom().item(Optional.<T>empty())
                        : create(pool, username, null, answer.get(), UserStatus.RESET_REQUIRED, caller, andThen).map(Optional::of));
    }

    private <T> Uni<T> create(UserPool pool, String username, String password, UserMigrationTrigger.Migrated migrated, UserStatus status,
                              TriggerCaller caller, BiFunction<SqlClient, User, Uni<T>> andThen) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        User created = NewUser.of(pool, username, migrated.userAttributes(), status, null, now);
        // enableSMSMFA: SMS MFA enabled for the migrated user, asked at its sign-ins as SetUserMFAPreference would
        User draft = migrated.enableSmsMfa() ? created.withMfa(created.mfaOptions(), new MfaPreferenceUpdate(
                new MfaPreferenceUpdate.Setting(true, null), null, null).applyTo(created.mfaPreference()), now) : created;
        Uni<NewPassword> prepared = password == null ? Uni.createFrom().nullItem()
                : passwords.prepare(pool, password, UserPasswords.Reason.USER_MIGRATION);
        return prepared.chain(newPassword -> db.withTransaction(tx ->
                creation.create(tx, pool, draft, newPassword, UserCreation.Source.USER_MIGRATION, migrated.forceAliasCreation())
                        // The welcome message carries the password, as AdminCreateUser's does; ForgotPassword has none to send.
                        .call(user -> migrated.suppressMessage() || password == null ? Uni.createFrom().voidItem()
                                : invitations.invite(tx, pool, user, password, migrated.desiredDeliveryMediums(), caller))
                        .chain(user -> andThen.apply(tx, user))));
    }
}
