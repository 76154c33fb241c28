package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.service.UserAccountService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** AdminSetUserSettings: the legacy SMS {@code MFAOptions} of a user, stored as given (AdminGetUser returns them). */
@ApplicationScoped
public class AdminSetUserSettingsAction implements AwsAction<AdminSetUserSettingsAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, @JsonProperty("MFAOptions") List<UserRequests.MfaOptionType> mfaOptions) {
    }

    private final UserAccountService service;

    public AdminSetUserSettingsAction(UserAccountService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminSetUserSettings";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserRequests.mfaOptions(UserRequests.target(request.userPoolId(), request.username()), request.mfaOptions()).throwIfInvalid();
        return service.setMfa(request.userPoolId(), request.username(), user -> MfaPreferenceUpdate.requireLegacyDelivery(UserRequests.mfaOptionsJson(request.mfaOptions()), user),
                user -> user.mfaPreference()).replaceWith(Map.of());
    }
}
