package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * USER_AUTH's passwordless first factor {@code SMS_OTP}: for a user with a verified phone number, an 8-digit code is sent there
 * ({@link SignInCodes}) and the challenge {@code SMS_OTP} asks for it ({@link SmsOtpChallenge}); a right code ends the sign-in
 * — Cognito asks no MFA after a passwordless factor. A locked user gets no code ("Password attempts exceeded").
 */
@ApplicationScoped
public class SmsOtpFactor implements FirstAuthFactor {

    private final SignInCodes codes;
    private final SignInAudit audit;

    public SmsOtpFactor(SignInCodes codes, SignInAudit audit) {
        this.codes = codes;
        this.audit = audit;
    }

    @Override
    public String factor() {
        return "SMS_OTP";
    }

    @Override
    public Uni<Boolean> availableFor(AuthContext context, User user) {
        String attribute = SignInIdentifiers.PHONE_NUMBER;
        // a name the pool does not know is offered the factor as a user with the address would be (no existence leak)
        return Uni.createFrom().item(user == null || user.attribute(attribute) != null && user.verified(attribute));
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context, User user) {
        String attribute = SignInIdentifiers.PHONE_NUMBER;
        if (user == null) {
            return codes.decoy(context, AuthParameters.require(context, "USERNAME"), factor(), attribute);
        }
        if (user.attribute(attribute) == null || !user.verified(attribute)) {
            throw CognitoException.invalidParameter(factor() + " is not available for this user.");
        }
        return audit.checkNotLocked(context, user).chain(() -> codes.challenge(context, user, "SMS_OTP", attribute, user.attribute(attribute),
                SignInCodes.Stage.FIRST_FACTOR));
    }
}
