package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.AccountSelfService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** SetUserSettings: the signed-in user's legacy SMS {@code MFAOptions}, with AdminSetUserSettings' rules. */
@ApplicationScoped
public class SetUserSettingsAction implements AwsAction<SetUserSettingsAction.Request, Map<String, Object>> {

    public record Request(String accessToken, @JsonProperty("MFAOptions") List<UserRequests.MfaOptionType> mfaOptions) {
    }

    private final AccountSelfService service;

    public SetUserSettingsAction(AccountSelfService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SetUserSettings";
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
        UserRequests.mfaOptions(Validation.of().required("accessToken", request.accessToken()), request.mfaOptions()).throwIfInvalid();
        return service.setUserSettings(request.accessToken(), UserRequests.mfaOptionsJson(request.mfaOptions())).replaceWith(Map.of());
    }
}
