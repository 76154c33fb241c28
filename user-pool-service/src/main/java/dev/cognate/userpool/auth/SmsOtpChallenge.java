package dev.cognate.userpool.auth;

import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.UserStore;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

import java.time.Clock;

/** {@code SMS_OTP}: USER_AUTH's passwordless first factor by SMS, the code as {@code SMS_OTP_CODE}. */
@Singleton // not a client proxy: its superclass has no no-args constructor
public class SmsOtpChallenge extends OneTimeCodeChallenge {

    public SmsOtpChallenge(Pool db, UserRepository users, UserStore store, SignInCodes codes, SignInAudit audit, PasswordSignIn passwords,
                SignInCompletion completion, Clock clock) {
        super(db, users, store, codes, audit, passwords, completion, clock);
    }

    @Override
    public String challengeName() {
        return "SMS_OTP";
    }

    @Override
    String answerParameter() {
        return "SMS_OTP_CODE";
    }
}
