package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** AdminDeleteUserAttributes: removes attributes; required and immutable ones are refused, unknown names too. */
@ApplicationScoped
public class AdminDeleteUserAttributesAction implements AwsAction<AdminDeleteUserAttributesAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, List<String> userAttributeNames) {
    }

    private final UserService service;

    public AdminDeleteUserAttributesAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminDeleteUserAttributes";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation validation = UserRequests.target(request.userPoolId(), request.username())
                .required("userAttributeNames", request.userAttributeNames());
        if (request.userAttributeNames() != null) {
            request.userAttributeNames().forEach(name -> validation.required("userAttributeNames.member", name)
                    .length("userAttributeNames.member", name, 1, 32)
                    .pattern("userAttributeNames.member", name, UserRequests.ATTRIBUTE_NAME));
        }
        validation.throwIfInvalid();
        return service.adminDeleteUserAttributes(request.userPoolId(), request.username(), request.userAttributeNames()).replaceWith(Map.of());
    }
}
