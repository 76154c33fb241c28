package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GetUser: the signed-in user, found by its access token, as AdminGetUser shows it. */
@ApplicationScoped
public class GetUserAction implements AwsAction<GetUserAction.Request, AdminGetUserAction.Response> {

    public record Request(String accessToken) {
    }

    private final TokenService service;

    public GetUserAction(TokenService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetUser";
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
    public Uni<AdminGetUserAction.Response> execute(Request request, ActionContext context) {
        Validation.of().required("accessToken", request.accessToken()).throwIfInvalid();
        return service.getUser(request.accessToken()).map(user -> {
            AdminGetUserAction.Response full = AdminGetUserAction.response(user);
            return new AdminGetUserAction.Response(full.username(), full.userAttributes(), null, null, full.enabled(), null,
                    full.mfaOptions(), full.preferredMfaSetting(), full.userMFASettingList());
        });
    }
}
