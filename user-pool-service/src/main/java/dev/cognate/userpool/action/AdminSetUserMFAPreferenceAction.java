package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.service.UserAccountService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminSetUserMFAPreference: a user's enabled and preferred MFA methods, by the rules of {@link MfaPreferenceUpdate}. */
@ApplicationScoped
public class AdminSetUserMFAPreferenceAction implements AwsAction<AdminSetUserMFAPreferenceAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, @JsonProperty("SMSMfaSettings") MfaPreferenceUpdate.Setting smsMfaSettings,
                          MfaPreferenceUpdate.Setting softwareTokenMfaSettings, MfaPreferenceUpdate.Setting emailMfaSettings) {
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
        MfaPreferenceUpdate update = new MfaPreferenceUpdate(request.smsMfaSettings(), request.softwareTokenMfaSettings(),
                request.emailMfaSettings()).validate();
        return service.setMfaPreference(request.userPoolId(), request.username(), update).replaceWith(Map.of());
    }
}
