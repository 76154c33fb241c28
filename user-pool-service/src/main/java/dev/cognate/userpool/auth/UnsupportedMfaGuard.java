package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fails closed on the multi-factor steps Cognate cannot complete: MFA_SETUP in a pool that offers nothing a sign-in can
 * set up (SMS MFA only, for a user without a phone number), and an SMS or email factor the user enabled but has no phone
 * number or email for any more ({@link MfaChallenges} asks everything else, on the API and the hosted login alike). Such a
 * sign-in is refused after the first factor, never completed without its second one, before any challenge or token, so
 * nothing is changed.
 *
 * <p>The refusal is {@code NotAuthorizedException}: Cognito's exception for "these credentials do not sign you in",
 * which every client treats as a final refusal; its message names the step. It is recorded like every refusal: a
 * {@code sign_in_failed} event and a failed {@code SignIn} authentication event with the audit reason {@value #REASON}
 * (password {@code Success}); it does not count towards the lockout, since the password was right.
 */
@ApplicationScoped
public class UnsupportedMfaGuard {

    static final String REASON = "mfa_not_supported";
    static final String MFA_SETUP = "MFA_SETUP";
    static final String SELECT_MFA_TYPE = "SELECT_MFA_TYPE";

    private final SignInAudit audit;

    public UnsupportedMfaGuard(SignInAudit audit) {
        this.audit = audit;
    }

    /** Records the refusal of a sign-in whose second factor cannot be asked and fails with {@code refusal}. */
    public <T> Uni<T> refuse(AuthContext context, User user, CognitoException refusal) {
        return audit.refuse(context, user, user.username(), REASON, refusal);
    }

    /** MFA is required, the user has no method, and the pool offers none a sign-in can set up (software token, email). */
    static CognitoException nothingToSetUp() {
        return new CognitoException("NotAuthorizedException", "This sign-in requires multi-factor authentication (MFA_SETUP), but the"
                + " user pool offers no method this user can set up (a software token or email MFA); the sign-in is refused.");
    }

    /** The user's SMS or email MFA has no phone number or email address to send its code to. */
    static CognitoException noDestination(String step) {
        return new CognitoException("NotAuthorizedException", "This sign-in requires multi-factor authentication (" + step
                + "), but the user has no " + ("SMS_MFA".equals(step) ? "phone_number" : "email") + " to send the code to; the sign-in is refused.");
    }
}
