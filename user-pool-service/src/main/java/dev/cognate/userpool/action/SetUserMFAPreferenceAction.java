package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.service.AccountSelfService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * SetUserMFAPreference: the signed-in user's enabled and preferred MFA methods, by AdminSetUserMFAPreference's rules
 * ({@link MfaPreferenceUpdate}).
 */
@ApplicationScoped
public class SetUserMFAPreferenceAction implements AwsAction<SetUserMFAPreferenceAction.Request, Map<String, Object>> {

    public record Request(@JsonProperty("SMSMfaSettings") MfaPreferenceUpdate.Setting smsMfaSettings, MfaPreferenceUpdate.Setting softwareTokenMfaSettings,
                          MfaPreferenceUpdate.Setting emailMfaSettings, String accessToken) {
    }

    private final AccountSelfService service;

    public SetUserMFAPreferenceAction(AccountSelfService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SetUserMFAPreference";
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.ACCESS_TOKEN;
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation.of().required("accessToken", request.accessToken()).throwIfInvalid();
        MfaPreferenceUpdate update = new MfaPreferenceUpdate(request.smsMfaSettings(), request.softwareTokenMfaSettings(),
                request.emailMfaSettings()).validate();
        return service.setUserMfaPreference(request.accessToken(), update).replaceWith(Map.of());
    }
}
