package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * The shape of the admin actions that name one user and answer nothing (AdminDeleteUser, AdminDisableUser,
 * AdminEnableUser, AdminConfirmSignUp, AdminResetUserPassword): the pool and user are checked as the API
 * reference says, then {@link #apply} does the action's one thing.
 */
abstract class AdminUserAction implements AwsAction<AdminUserAction.Request, Map<String, Object>> {

    /** {@code ClientMetadata} is accepted where Cognito takes it; the actions that run a trigger pass it on. */
    public record Request(String userPoolId, String username, Map<String, String> clientMetadata) {
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username()).throwIfInvalid();
        return apply(request.userPoolId(), request.username(), request.clientMetadata()).replaceWith(Map.of());
    }

    protected abstract Uni<Void> apply(String userPoolId, String username);

    /** The action with the request's {@code ClientMetadata} (may be null), for the actions whose triggers receive it. */
    protected Uni<Void> apply(String userPoolId, String username, Map<String, String> clientMetadata) {
        return apply(userPoolId, username);
    }
}
