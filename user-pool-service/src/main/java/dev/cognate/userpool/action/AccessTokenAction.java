package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * The shape of the signed-in user's actions that take only the {@code AccessToken} and answer nothing (DeleteUser,
 * GlobalSignOut): the token is required here and verified by the service.
 */
abstract class AccessTokenAction implements AwsAction<AccessTokenAction.Request, Map<String, Object>> {

    public record Request(String accessToken) {
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
        return apply(request.accessToken(), context).replaceWith(Map.of());
    }

    protected abstract Uni<Void> apply(String accessToken, ActionContext context);
}
