package dev.cognate.userpool.auth;

import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.UserStore;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

import java.time.Clock;

/** {@code SMS_MFA}: the code sent by SMS to the user's phone number, as {@code SMS_MFA_CODE}. */
@Singleton // not a client proxy: its superclass has no no-args constructor
public class SmsMfaChallenge extends OneTimeCodeChallenge {

    public SmsMfaChallenge(Pool db, UserRepository users, UserStore store, SignInCodes codes, SignInAudit audit, PasswordSignIn passwords,
                SignInCompletion completion, Clock clock) {
        super(db, users, store, codes, audit, passwords, completion, clock);
    }

    @Override
    public String challengeName() {
        return "SMS_MFA";
    }

    @Override
    String answerParameter() {
        return "SMS_MFA_CODE";
    }
}
