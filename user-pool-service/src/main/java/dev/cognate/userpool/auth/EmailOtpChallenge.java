package dev.cognate.userpool.auth;

import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.UserStore;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

import java.time.Clock;

/** {@code EMAIL_OTP}: the code sent to the user's email, as {@code EMAIL_OTP_CODE} — the email MFA factor, its set-up, and USER_AUTH's passwordless first factor share this challenge name. */
@Singleton // not a client proxy: its superclass has no no-args constructor
public class EmailOtpChallenge extends OneTimeCodeChallenge {

    public EmailOtpChallenge(Pool db, UserRepository users, UserStore store, SignInCodes codes, SignInAudit audit, PasswordSignIn passwords,
                SignInCompletion completion, Clock clock) {
        super(db, users, store, codes, audit, passwords, completion, clock);
    }

    @Override
    public String challengeName() {
        return "EMAIL_OTP";
    }

    @Override
    String answerParameter() {
        return "EMAIL_OTP_CODE";
    }
}
