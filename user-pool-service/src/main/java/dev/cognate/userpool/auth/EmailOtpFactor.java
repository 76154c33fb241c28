package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * USER_AUTH's passwordless first factor {@code EMAIL_OTP}: for a user with a verified email, an 8-digit code is sent there
 * ({@link SignInCodes}) and the challenge {@code EMAIL_OTP} asks for it ({@link EmailOtpChallenge}); a right code ends the sign-in
 * — Cognito asks no MFA after a passwordless factor. A locked user gets no code ("Password attempts exceeded").
 */
@ApplicationScoped
public class EmailOtpFactor implements FirstAuthFactor {

    private final SignInCodes codes;
    private final SignInAudit audit;

    public EmailOtpFactor(SignInCodes codes, SignInAudit audit) {
        this.codes = codes;
        this.audit = audit;
    }

    @Override
    public String factor() {
        return "EMAIL_OTP";
    }

    @Override
    public Uni<Boolean> availableFor(AuthContext context, User user) {
        String attribute = SignInIdentifiers.EMAIL;
        // a name the pool does not know is offered the factor as a user with the address would be (no existence leak)
        return Uni.createFrom().item(user == null || user.attribute(attribute) != null && user.verified(attribute));
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context, User user) {
        String attribute = SignInIdentifiers.EMAIL;
        if (user == null) {
            return codes.decoy(context, AuthParameters.require(context, "USERNAME"), factor(), attribute);
        }
        if (user.attribute(attribute) == null || !user.verified(attribute)) {
            throw CognitoException.invalidParameter(factor() + " is not available for this user.");
        }
        return audit.checkNotLocked(context, user).chain(() -> codes.challenge(context, user, "EMAIL_OTP", attribute, user.attribute(attribute),
                SignInCodes.Stage.FIRST_FACTOR));
    }
}
