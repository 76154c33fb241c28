package dev.cognate.userpool.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** AdminGetUser: a user found by username, alias or sub, with its attributes, status and MFA settings. */
@ApplicationScoped
public class AdminGetUserAction implements AwsAction<AdminGetUserAction.Request, AdminGetUserAction.Response> {

    public record Request(String userPoolId, String username) {
    }

    public record Response(String username, List<UserRequests.AttributeType> userAttributes, Instant userCreateDate,
                           Instant userLastModifiedDate, boolean enabled, String userStatus, @JsonProperty("MFAOptions") List<UserRequests.MfaOptionType> mfaOptions,
                           String preferredMfaSetting, List<String> userMFASettingList) {
    }

    private final UserService service;

    public AdminGetUserAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminGetUser";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username()).throwIfInvalid();
        return service.adminGetUser(request.userPoolId(), request.username()).map(AdminGetUserAction::response);
    }

    static Response response(User user) {
        List<String> enabled = new ArrayList<>();
        String preferred = null;
        for (String method : dev.cognate.userpool.domain.MfaPreferenceUpdate.METHODS) {
            if (user.mfaPreference().path(method).path("Enabled").asBoolean(false)) {
                enabled.add(method);
                if (user.mfaPreference().path(method).path("PreferredMfa").asBoolean(false)) {
                    preferred = method;
                }
            }
        }
        return new Response(user.username(), UserRequests.attributes(user, null), user.creationDate(), user.lastModifiedDate(),
                user.enabled(), user.status().name(), UserRequests.mfaOptions(user), preferred, enabled.isEmpty() ? null : enabled);
    }
}
