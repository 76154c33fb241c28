package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.service.UserAccountService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * AdminSetUserMFAPreference: which MFA methods a user has enabled and which one is preferred. Methods
 * the request leaves out keep their settings; preferring one method un-prefers the others. Software
 * token MFA needs a verified authenticator, which no user has until TOTP enrolment exists.
 */
@ApplicationScoped
public class AdminSetUserMFAPreferenceAction implements AwsAction<AdminSetUserMFAPreferenceAction.Request, Map<String, Object>> {

    /** The methods, as {@code UserMFASettingList} names them. */
    static final List<String> METHODS = List.of("SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP");

    public record MfaSettings(Boolean enabled, Boolean preferredMfa) {
    }

    public record Request(String userPoolId, String username, @JsonProperty("SMSMfaSettings") MfaSettings smsMfaSettings, MfaSettings softwareTokenMfaSettings,
                          MfaSettings emailMfaSettings) {
    }

    private final UserAccountService service;

    public AdminSetUserMFAPreferenceAction(UserAccountService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminSetUserMFAPreference";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username()).throwIfInvalid();
        List<MfaSettings> given = java.util.Arrays.asList(request.smsMfaSettings(), request.softwareTokenMfaSettings(), request.emailMfaSettings());
        long preferred = given.stream().filter(settings -> settings != null && Boolean.TRUE.equals(settings.preferredMfa())).count();
        if (preferred > 1) {
            throw CognitoException.invalidParameter("Only one MFA method can be preferred.");
        }
        for (MfaSettings settings : given) {
            if (settings != null && Boolean.TRUE.equals(settings.preferredMfa()) && Boolean.FALSE.equals(settings.enabled())) {
                throw CognitoException.invalidParameter("A preferred MFA method must be enabled.");
            }
        }
        MfaSettings totp = request.softwareTokenMfaSettings();
        if (totp != null && (Boolean.TRUE.equals(totp.enabled()) || Boolean.TRUE.equals(totp.preferredMfa()))) {
            throw CognitoException.invalidParameter("User has not verified software token mfa");
        }
        return service.setMfa(request.userPoolId(), request.username(), User::mfaOptions, user -> preference(user, given))
                .replaceWith(Map.of());
    }

    private static ObjectNode preference(User user, List<MfaSettings> given) {
        ObjectNode preference = user.mfaPreference().deepCopy();
        boolean newPreferred = given.stream().anyMatch(settings -> settings != null && Boolean.TRUE.equals(settings.preferredMfa()));
        for (int i = 0; i < METHODS.size(); i++) {
            String method = METHODS.get(i);
            MfaSettings settings = given.get(i);
            ObjectNode stored = preference.has(method) ? (ObjectNode) preference.get(method) : preference.putObject(method);
            if (settings != null && settings.enabled() != null) {
                stored.put("Enabled", settings.enabled());
                if (!settings.enabled()) {
                    stored.put("PreferredMfa", false);
                }
            }
            if (settings != null && settings.preferredMfa() != null) {
                stored.put("PreferredMfa", settings.preferredMfa());
            } else if (newPreferred) {
                stored.put("PreferredMfa", false);
            }
            if (stored.path("PreferredMfa").asBoolean(false)) {
                stored.put("Enabled", true);
            }
        }
        return preference;
    }
}
