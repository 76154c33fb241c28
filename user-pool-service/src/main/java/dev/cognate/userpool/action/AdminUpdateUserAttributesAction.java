package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * AdminUpdateUserAttributes: writes attributes against the pool's schema; a changed email or phone
 * number becomes unverified unless the request sets its {@code _verified} flag too.
 */
@ApplicationScoped
public class AdminUpdateUserAttributesAction implements AwsAction<AdminUpdateUserAttributesAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, List<UserRequests.AttributeType> userAttributes,
                          Map<String, String> clientMetadata) {
    }

    private final UserService service;

    public AdminUpdateUserAttributesAction(UserService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminUpdateUserAttributes";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation validation = UserRequests.target(request.userPoolId(), request.username()).required("userAttributes", request.userAttributes());
        Map<String, String> changes = UserRequests.attributes(validation, "userAttributes", request.userAttributes());
        validation.throwIfInvalid();
        return service.adminUpdateUserAttributes(request.userPoolId(), request.username(), changes).replaceWith(Map.of());
    }
}
