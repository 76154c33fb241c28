package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.AuthEvent;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.metrics.AuthMetrics;
import dev.cognate.userpool.repository.AuthEventRepository;
import dev.cognate.userpool.repository.SignInFailureRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Refused sign-ins and the password lockout (DESIGN.md §6): every refusal is recorded as a
 * {@code sign_in_failed} event with its audit reason — and, for a known user, a {@code SignIn} authentication event
 * with {@code Fail} in the same transaction — before the caller sees the error; a wrong password also counts
 * towards the lockout — after 5 failures 2^(n−5) s, at most 15 minutes, the counter forgotten after 15 minutes without
 * failure or at the next success. One counter for every password path (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, SRP),
 * for the second factor's codes (SOFTWARE_TOKEN_MFA) and for wrong answers to custom challenges (CUSTOM_AUTH).
 */
@ApplicationScoped
public class SignInAudit {

    static final int FREE_ATTEMPTS = 5;
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final Duration IDLE_RESET = Duration.ofMinutes(15);

    private final Pool db;
    private final SignInFailureRepository failures;
    private final AuthEventRepository authEvents;
    private final Clock clock;
    private final AuthMetrics metrics;

    public SignInAudit(Pool db, SignInFailureRepository failures, AuthEventRepository authEvents, Clock clock, AuthMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.failures = failures;
        this.authEvents = authEvents;
        this.clock = clock;
    }

    public static CognitoException incorrect() {
        return new CognitoException("NotAuthorizedException", "Incorrect username or password.");
    }

    /** Fails with "Password attempts exceeded" (recording the refusal) while the user is locked. */
    public Uni<Void> checkNotLocked(AuthContext context, User user) {
        return failures.lockedUntil(db, user.userPoolId(), user.sub()).chain(until -> {
            if (until.isPresent() && until.get().isAfter(clock.instant())) {
                return refuse(context, user, user.username(), "locked",
                        new CognitoException("NotAuthorizedException", "Password attempts exceeded"));
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** A wrong password: counted, locked when over the free attempts, recorded; fails with "Incorrect username or password.". */
    public <T> Uni<T> wrongPassword(AuthContext context, User user) {
        return countFailure(context, user, "wrong_password", incorrect());
    }

    /**
     * A wrong (or replayed) second-factor code: counted on the same lockout counter as a wrong password — guessing codes
     * is no cheaper than guessing passwords — recorded, and failed with Cognito's "Invalid code received for user".
     */
    public <T> Uni<T> wrongMfaCode(AuthContext context, User user, String reason) {
        return countFailure(context, user, reason, wrongCode());
    }

    /** Cognito's refusal of a wrong one-time or MFA code. */
    public static CognitoException wrongCode() {
        return new CognitoException("CodeMismatchException", "Invalid code received for user");
    }

    /**
     * A passkey assertion that does not verify (forged, replayed, of another user, of a deleted passkey, a counter that went
     * back): counted on the same lockout counter as a wrong password and refused in the same words — RespondToAuthChallenge
     * has no WebAuthn exceptions —, recorded with {@code reason}.
     */
    public <T> Uni<T> wrongPasskey(AuthContext context, User user, String reason) {
        return countFailure(context, user, reason, incorrect());
    }

    /**
     * A wrong answer in the custom authentication flow (a custom challenge VerifyAuthChallengeResponse did not accept, a
     * wrong PASSWORD_VERIFIER): counted and recorded like a wrong password, but the flow goes on — DefineAuthChallenge
     * decides whether the user may try again — so nothing is thrown.
     */
    public Uni<Void> wrongChallengeAnswer(AuthContext context, User user, String reason) {
        return count(context, user, reason);
    }

    private <T> Uni<T> countFailure(AuthContext context, User user, String reason, CognitoException error) {
        return count(context, user, reason).chain(() -> Uni.createFrom().failure(error));
    }

    private Uni<Void> count(AuthContext context, User user, String reason) {
        Instant now = clock.instant();
        return db.withTransaction(tx -> failures.recordFailure(tx, user.userPoolId(), user.sub(), now, IDLE_RESET)
                        .chain(count -> count < FREE_ATTEMPTS ? Uni.createFrom().voidItem()
                                : failures.lockUntil(tx, user.userPoolId(), user.sub(), now.plus(lockFor(count))))
                        .chain(() -> publish(tx, context, user, user.username(), reason)))
                .invoke(() -> metrics.signIn(context.authFlow(), reason));
    }

    /** How long the n-th consecutive failure locks: 2^(n−5) seconds from the fifth, at most 15 minutes. */
    static Duration lockFor(int failureCount) {
        int exponent = failureCount - FREE_ATTEMPTS;
        if (exponent >= 10) {
            return MAX_LOCK;
        }
        Duration lock = Duration.ofSeconds(1L << exponent);
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    /** Records the refusal ({@code user} null for an unknown name) and fails with {@code error}. */
    public <T> Uni<T> refuse(AuthContext context, User user, String username, String reason, CognitoException error) {
        return db.withTransaction(tx -> publish(tx, context, user, username, reason))
                .invoke(() -> metrics.signIn(context.authFlow(), reason))
                .chain(() -> Uni.createFrom().failure(error));
    }

    /**
     * What a successful sign-in checked, as AdminListUserAuthEvents' {@code ChallengeResponses} report it: Cognito names
     * only {@code Password} and {@code Mfa} there, so a passkey, a one-time code as first factor or custom challenges alone
     * report neither.
     */
    public enum Proof {
        PASSWORD(true, false),
        PASSWORD_AND_MFA(true, true),
        NO_PASSWORD(false, false);

        private final boolean password;
        private final boolean mfa;

        Proof(boolean password, boolean mfa) {
            this.password = password;
            this.mfa = mfa;
        }
    }

    /**
     * After a success: the lockout counter starts again, and the {@code SignIn} authentication event says {@code Pass},
     * with {@code Password} / {@code Mfa} {@code Success} for what {@code proof} says was checked.
     */
    public Uni<Void> succeeded(SqlClient tx, AuthContext context, User user, Proof proof) {
        // the counter's reset and the event in one statement (one round trip per sign-in fewer)
        return authEvents.insertResettingFailures(tx, AuthEvent.at(clock.instant(), user.userPoolId(), user.sub(), AuthEvent.SIGN_IN, true,
                        proof.password ? "Success" : null, null,
                        context.client().clientId(), context.authFlow(), context.sourceIp()).withMfaResponse(proof.mfa ? "Success" : null))
                // counted once the success is written in the caller's transaction, before it commits
                .invoke(() -> metrics.signIn(context.authFlow(), AuthMetrics.SUCCESS));
    }

    /** After ChangePassword: the lockout counter starts again, and a {@code PasswordChange} authentication event says {@code Pass}. */
    public Uni<Void> passwordChanged(SqlClient tx, AuthContext context, User user) {
        return authEvents.insertResettingFailures(tx, AuthEvent.at(clock.instant(), user.userPoolId(), user.sub(), AuthEvent.PASSWORD_CHANGE, true,
                "Success", null, context.client().clientId(), context.authFlow(), context.sourceIp()));
    }

    private Uni<Void> publish(SqlClient tx, AuthContext context, User user, String username, String reason) {
        UserPoolEvents.SignInFailed event = new UserPoolEvents.SignInFailed(context.pool().id(), user == null ? null : user.sub().toString(),
                user == null ? username : user.username(), context.client().clientId(), context.authFlow(), reason);
        if (user == null) {
            return UserPoolEventOutbox.publish(tx, context.pool().id(), UserPoolEvents.USER_SIGN_IN_FAILED, event);
        }
        return UserPoolEventOutbox.publishForUser(tx, context.pool().id(), user.sub(), UserPoolEvents.USER_SIGN_IN_FAILED, event)
                .chain(() -> authEvents.insert(tx, AuthEvent.at(clock.instant(), user.userPoolId(), user.sub(), AuthEvent.SIGN_IN, false,
                        passwordChecked(reason), reason, context.client().clientId(), context.authFlow(), context.sourceIp())
                        .withMfaResponse(mfaChecked(reason))));
    }

    /** The {@code Mfa} challenge's outcome of a refusal: {@code Failure} for a wrong or replayed MFA code, else none. */
    static String mfaChecked(String reason) {
        return switch (reason) {
            case "wrong_mfa_code", "replayed_mfa_code" -> "Failure";
            default -> null;
        };
    }

    /**
     * The {@code Password} challenge's outcome of a refusal: {@code Failure} for a wrong password, {@code Success} when the
     * password was right and the account refused it, none when the password was not checked (locked, or vetoed by the
     * PreAuthentication trigger before the check).
     */
    static String passwordChecked(String reason) {
        return switch (reason) {
            case "wrong_password" -> "Failure";
            case "locked", "unknown_user", "pre_authentication_failed", "wrong_challenge_answer", "custom_auth_failed",
                 "custom_auth_too_many_challenges", "wrong_otp_code" -> null;
            // a passkey sign-in checks no password
            case "wrong_passkey", "passkey_counter_not_increased", "passkey_user_not_verified", "passkey_of_another_user",
                 "unknown_passkey" -> null;
            // a federated sign-in checks no password either: the provider authenticated the user
            case "federated_user_disabled", "federated_attributes_invalid", "federated_trigger_failed", "inbound_federation_failed" -> null;
            default -> "Success";
        };
    }
}
