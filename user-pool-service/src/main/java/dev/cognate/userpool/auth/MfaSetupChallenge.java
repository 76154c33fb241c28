package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.UserStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code MFA_SETUP}: answered with the session VerifySoftwareToken returned ({@link SoftwareTokenSetup}), whose state
 * says the user's new authenticator was verified (and software token MFA enabled) — the sign-in then ends. Answered
 * before that, it is refused ({@code InvalidParameterException}) and the session stays for the set-up to go on.
 */
@ApplicationScoped
public class MfaSetupChallenge implements ChallengeHandler {

    static final String VERIFIED = "softwareTokenVerified";

    private final Pool db;
    private final UserRepository users;
    private final PasswordSignIn passwords;
    private final SignInCompletion completion;

    public MfaSetupChallenge(Pool db, UserRepository users, PasswordSignIn passwords, SignInCompletion completion) {
        this.db = db;
        this.users = users;
        this.passwords = passwords;
        this.completion = completion;
    }

    @Override
    public String challengeName() {
        return MfaChallenges.MFA_SETUP;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        if (!"true".equals(session.data().get(VERIFIED))) {
            throw CognitoException.invalidParameter(
                    "MFA_SETUP needs a verified software token: call AssociateSoftwareToken and VerifySoftwareToken with the Session first.");
        }
        return users.findBySub(db, context.pool().id(), session.sub(), false)
                .map(found -> found.orElseThrow(UserStore::userNotFound))
                .chain(user -> passwords.checkAccount(context, user))
                .chain(user -> completion.finish(context, user));
    }
}
