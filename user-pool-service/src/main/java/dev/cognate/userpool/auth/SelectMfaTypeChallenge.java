package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code SELECT_MFA_TYPE}: a user with several MFA methods and none preferred answers {@code ANSWER} with one of the
 * challenge's {@code MFAS_CAN_CHOOSE} ({@code SMS_MFA}, {@code SOFTWARE_TOKEN_MFA}, {@code EMAIL_OTP}) and gets that
 * challenge (a code sent for SMS and email). Any other answer is {@code InvalidParameterException} and the session stays
 * for another answer.
 */
@ApplicationScoped
public class SelectMfaTypeChallenge implements ChallengeHandler {

    private final Pool db;
    private final UserRepository users;
    private final PasswordSignIn passwords;
    private final MfaChallenges mfa;

    public SelectMfaTypeChallenge(Pool db, UserRepository users, PasswordSignIn passwords, MfaChallenges mfa) {
        this.db = db;
        this.users = users;
        this.passwords = passwords;
        this.mfa = mfa;
    }

    @Override
    public String challengeName() {
        return MfaChallenges.SELECT_MFA_TYPE;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        String answer = AuthParameters.require(context, "ANSWER");
        if (!MfaChallenges.offered(session, MfaChallenges.CAN_CHOOSE).contains(answer)) {
            throw CognitoException.invalidParameter("ANSWER must be one of MFAS_CAN_CHOOSE: "
                    + String.join(", ", MfaChallenges.offered(session, MfaChallenges.CAN_CHOOSE)) + ".");
        }
        return users.findBySub(db, context.pool().id(), session.sub(), false).chain(found -> found.isEmpty()
                ? passwords.unknownUser(context, session.username())
                : mfa.chosen(context, found.get(), answer));
    }
}
