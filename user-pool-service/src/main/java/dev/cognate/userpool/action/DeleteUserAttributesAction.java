package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserAttributeSelfService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** DeleteUserAttributes: the signed-in user removes its attributes, as AdminDeleteUserAttributes within the client's WriteAttributes. */
@ApplicationScoped
public class DeleteUserAttributesAction implements AwsAction<DeleteUserAttributesAction.Request, Map<String, Object>> {

    public record Request(List<String> userAttributeNames, String accessToken) {
    }

    private final UserAttributeSelfService service;

    public DeleteUserAttributesAction(UserAttributeSelfService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteUserAttributes";
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
        Validation validation = Validation.of().required("userAttributeNames", request.userAttributeNames()).required("accessToken", request.accessToken());
        if (request.userAttributeNames() != null) {
            request.userAttributeNames().forEach(name -> validation.required("userAttributeNames.member", name)
                    .length("userAttributeNames.member", name, 1, 32)
                    .pattern("userAttributeNames.member", name, UserRequests.ATTRIBUTE_NAME));
        }
        validation.throwIfInvalid();
        return service.deleteUserAttributes(request.accessToken(), request.userAttributeNames()).replaceWith(Map.of());
    }
}
