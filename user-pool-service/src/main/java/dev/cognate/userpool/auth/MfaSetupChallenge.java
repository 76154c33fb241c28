package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.UserStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code MFA_SETUP}, answered in one of two ways, as Cognito:
 * <ul>
 *   <li>a software token: with the session VerifySoftwareToken returned ({@link SoftwareTokenSetup}), whose state says
 *   the user's new authenticator was verified (and software token MFA enabled) — the sign-in then ends;</li>
 *   <li>email MFA, where {@code MFAS_CAN_SETUP} offers {@code EMAIL_OTP}: with {@code EMAIL}, the address to receive
 *   codes — a code is sent there and the sign-in continues with {@code EMAIL_OTP}; its right code makes the address the
 *   user's verified email and enables email MFA ({@link OneTimeCodeChallenge}).</li>
 * </ul>
 * Answered otherwise, it is refused ({@code InvalidParameterException}) and the session stays for the set-up to go on.
 */
@ApplicationScoped
public class MfaSetupChallenge implements ChallengeHandler {

    static final String VERIFIED = "softwareTokenVerified";

    private final Pool db;
    private final UserRepository users;
    private final PasswordSignIn passwords;
    private final SignInCompletion completion;
    private final SignInCodes codes;

    public MfaSetupChallenge(Pool db, UserRepository users, PasswordSignIn passwords, SignInCompletion completion, SignInCodes codes) {
        this.db = db;
        this.users = users;
        this.passwords = passwords;
        this.completion = completion;
        this.codes = codes;
    }

    @Override
    public String challengeName() {
        return MfaChallenges.MFA_SETUP;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        if ("true".equals(session.data().get(VERIFIED))) {
            return users.findBySub(db, context.pool().id(), session.sub(), false)
                    .map(found -> found.orElseThrow(UserStore::userNotFound))
                    .chain(user -> passwords.checkAccount(context, user))
                    .chain(user -> completion.finishAfterMfa(context, user));
        }
        String email = context.parameter("EMAIL");
        boolean emailOffered = MfaChallenges.offered(session, MfaChallenges.CAN_SETUP).contains(MfaChallenges.EMAIL_OTP);
        if (email == null || !emailOffered) {
            throw CognitoException.invalidParameter(emailOffered
                    ? "MFA_SETUP needs EMAIL (the address for email MFA codes), or a verified software token: call AssociateSoftwareToken"
                            + " and VerifySoftwareToken with the Session first."
                    : "MFA_SETUP needs a verified software token: call AssociateSoftwareToken and VerifySoftwareToken with the Session first.");
        }
        if (email.length() > 2048 || !SignInIdentifiers.EMAIL_FORMAT.matcher(email).matches()) {
            throw CognitoException.invalidParameter("Invalid email address format.");
        }
        return users.findBySub(db, context.pool().id(), session.sub(), false).chain(found -> found.isEmpty()
                ? passwords.unknownUser(context, session.username())
                : codes.challenge(context, found.get(), MfaChallenges.EMAIL_OTP, SignInIdentifiers.EMAIL, email, SignInCodes.Stage.SETUP));
    }
}
