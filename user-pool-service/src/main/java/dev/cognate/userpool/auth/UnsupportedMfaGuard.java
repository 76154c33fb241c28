package dev.cognate.userpool.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fails closed on the multi-factor steps Cognate cannot ask yet: SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE and an MFA_SETUP the
 * pool offers no software token for ({@link MfaChallenges} asks SOFTWARE_TOKEN_MFA and MFA_SETUP, on the API and the
 * hosted login alike). Such a sign-in is refused after the first
 * factor, never completed without its second one, before any challenge or token, so nothing is changed.
 *
 * <p>The refusal is {@code NotAuthorizedException}: Cognito's exception for "these credentials do not sign you in",
 * which every client treats as a final refusal (no retry, no "fix your request" as {@code InvalidParameterException}
 * would suggest — the request is correct); its message names the step Cognate cannot ask. It is recorded like every
 * refusal: a {@code sign_in_failed} event and a failed {@code SignIn} authentication event with the audit reason
 * {@value #REASON} (password {@code Success}); it does not count towards the lockout, since the password was right.
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

    /** Records the refusal of a sign-in that needs {@code step} and fails with {@link #refusal}. */
    public <T> Uni<T> refuse(AuthContext context, User user, String step) {
        return audit.refuse(context, user, user.username(), REASON, refusal(step));
    }

    static CognitoException refusal(String step) {
        return new CognitoException("NotAuthorizedException", "This sign-in requires multi-factor authentication (" + step
                + "), which Cognate does not support yet; the sign-in is refused.");
    }

    /**
     * The MFA challenge Cognito would answer next for this user in this pool, if any: OFF never; the preferred enabled
     * method, the only enabled one, or SELECT_MFA_TYPE among several; with none enabled, MFA_SETUP when MFA is ON.
     */
    static Optional<String> mfaStep(UserPool pool, User user) {
        String configuration = pool.config().mfaConfiguration();
        if (!"ON".equals(configuration) && !"OPTIONAL".equals(configuration)) {
            return Optional.empty();
        }
        JsonNode preference = user.mfaPreference();
        List<String> enabled = new ArrayList<>();
        Optional<String> preferred = Optional.empty();
        for (String method : MfaPreferenceUpdate.METHODS) {
            JsonNode setting = preference == null ? null : preference.get(method);
            if (setting != null && setting.path("Enabled").asBoolean(false)) {
                enabled.add(method);
                if (setting.path("PreferredMfa").asBoolean(false)) {
                    preferred = Optional.of(method);
                }
            }
        }
        if (!enabled.contains("SMS_MFA") && legacySmsMfa(user)) {
            // AdminSetUserSettings' MFAOptions (DeliveryMedium SMS) is the older way to turn SMS MFA on.
            enabled.add("SMS_MFA");
        }
        if (preferred.isPresent()) {
            return preferred;
        }
        if (enabled.size() == 1) {
            return Optional.of(enabled.get(0));
        }
        if (enabled.size() > 1) {
            return Optional.of(SELECT_MFA_TYPE);
        }
        return "ON".equals(configuration) ? Optional.of(MFA_SETUP) : Optional.empty();
    }

    private static boolean legacySmsMfa(User user) {
        if (user.mfaOptions() == null) {
            return false;
        }
        for (JsonNode option : user.mfaOptions()) {
            if ("SMS".equals(option.path("DeliveryMedium").asText())) {
                return true;
            }
        }
        return false;
    }
}
