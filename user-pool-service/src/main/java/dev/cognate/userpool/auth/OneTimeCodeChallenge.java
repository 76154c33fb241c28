package dev.cognate.userpool.auth;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.UserStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A challenge answered with a code {@link SignInCodes} sent (SMS_MFA, EMAIL_OTP, SMS_OTP). A locked user is refused
 * before the code is compared; a wrong code counts like a wrong password ({@link SignInAudit#wrongMfaCode}, Cognito's
 * {@code CodeMismatchException} "Invalid code received for user") and ends the session — it is single use, the sign-in
 * starts again with a new code. A right code ends the sign-in: after a second factor, a passwordless first factor
 * (Cognito asks no MFA after one) or an email MFA set-up, which first enables email MFA (preferred) with the address
 * the code went to, now verified.
 */
abstract class OneTimeCodeChallenge implements ChallengeHandler {

    private final Pool db;
    private final UserRepository users;
    private final UserStore store;
    private final SignInCodes codes;
    private final SignInAudit audit;
    private final PasswordSignIn passwords;
    private final SignInCompletion completion;
    private final Clock clock;

    OneTimeCodeChallenge(Pool db, UserRepository users, UserStore store, SignInCodes codes, SignInAudit audit, PasswordSignIn passwords,
                         SignInCompletion completion, Clock clock) {
        this.db = db;
        this.users = users;
        this.store = store;
        this.codes = codes;
        this.audit = audit;
        this.passwords = passwords;
        this.completion = completion;
        this.clock = clock;
    }

    /** The ChallengeResponses member carrying the code ({@code SMS_MFA_CODE}, ...). */
    abstract String answerParameter();

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        String code = AuthParameters.require(context, answerParameter());
        SignInCodes.Stage stage = SignInCodes.stageOf(session);
        if (session.sub() == null) {
            // a decoy for a name the pool does not know (SignInCodes#decoy): refused as a wrong code is
            return audit.refuse(context, null, session.username(), "unknown_user", SignInAudit.wrongCode());
        }
        return users.findBySub(db, context.pool().id(), session.sub(), false).chain(found -> {
            if (found.isEmpty()) {
                return passwords.unknownUser(context, session.username());
            }
            User user = found.get();
            return audit.checkNotLocked(context, user).chain(() -> {
                if (!codes.matches(session, user, code)) {
                    return audit.wrongMfaCode(context, user, stage == SignInCodes.Stage.FIRST_FACTOR ? "wrong_otp_code" : "wrong_mfa_code");
                }
                Uni<User> verified = stage == SignInCodes.Stage.SETUP ? enableEmailMfa(context, user, SignInCodes.destinationOf(session))
                        : Uni.createFrom().item(user);
                return verified.chain(current -> passwords.checkAccount(context, current))
                        // a first-factor code proves no password; an MFA or set-up code is a second factor after one
                        .chain(accepted -> stage == SignInCodes.Stage.FIRST_FACTOR ? completion.finishWithoutPassword(context, accepted)
                                : completion.finishAfterMfa(context, accepted));
            });
        });
    }

    /** The email MFA set-up proven: the address becomes the user's verified email, email MFA enabled and preferred. */
    private Uni<User> enableEmailMfa(AuthContext context, User user, String email) {
        MfaPreferenceUpdate update = new MfaPreferenceUpdate(null, null, new MfaPreferenceUpdate.Setting(true, true));
        return db.withTransaction(tx -> users.findBySub(tx, context.pool().id(), user.sub(), true)
                .map(found -> found.orElseThrow(UserStore::userNotFound))
                .chain(current -> {
                    Map<String, String> attributes = new LinkedHashMap<>(current.attributes());
                    attributes.put(SignInIdentifiers.EMAIL, email);
                    attributes.put(SignInIdentifiers.EMAIL + "_verified", "true");
                    User changed = current.withAttributes(attributes, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                            .withMfa(current.mfaOptions(), update.applyTo(current.mfaPreference()), clock.instant().truncatedTo(ChronoUnit.MILLIS));
                    return store.save(tx, context.pool(), changed, UserPoolEvents.USER_MFA_UPDATED,
                            List.of(SignInIdentifiers.EMAIL, SignInIdentifiers.EMAIL + "_verified"));
                }));
    }
}
