package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.mfa.SoftwareTokens;
import dev.cognate.userpool.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code SOFTWARE_TOKEN_MFA}: SOFTWARE_TOKEN_MFA_CODE must be a code of the user's verified authenticator (RFC 6238, ±1
 * step) not used before. A wrong or replayed code counts like a wrong password ({@link SignInAudit#wrongMfaCode}) and
 * ends the session (single use: the sign-in starts again); a locked user is refused before the code is checked.
 */
@ApplicationScoped
public class SoftwareTokenMfaChallenge implements ChallengeHandler {

    private final Pool db;
    private final UserRepository users;
    private final SoftwareTokens softwareTokens;
    private final SignInAudit audit;
    private final PasswordSignIn passwords;
    private final SignInCompletion completion;

    public SoftwareTokenMfaChallenge(Pool db, UserRepository users, SoftwareTokens softwareTokens, SignInAudit audit, PasswordSignIn passwords,
                                     SignInCompletion completion) {
        this.db = db;
        this.users = users;
        this.softwareTokens = softwareTokens;
        this.audit = audit;
        this.passwords = passwords;
        this.completion = completion;
    }

    @Override
    public String challengeName() {
        return MfaChallenges.SOFTWARE_TOKEN_MFA;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        String code = AuthParameters.require(context, "SOFTWARE_TOKEN_MFA_CODE");
        return users.findBySub(db, context.pool().id(), session.sub(), false).chain(found -> {
            if (found.isEmpty()) {
                return passwords.unknownUser(context, session.username());
            }
            User user = found.get();
            return audit.checkNotLocked(context, user)
                    .chain(() -> db.withTransaction(tx -> softwareTokens.check(tx, user.userPoolId(), user.sub(), code)))
                    .chain(result -> switch (result) {
                        case ACCEPTED -> passwords.checkAccount(context, user).chain(accepted -> completion.finishAfterMfa(context, accepted));
                        case WRONG -> audit.wrongMfaCode(context, user, "wrong_mfa_code");
                        case REPLAYED -> audit.wrongMfaCode(context, user, "replayed_mfa_code");
                        case NO_TOKEN -> audit.refuse(context, user, user.username(), "no_software_token", SoftwareTokens.notFound());
                    });
        });
    }
}
