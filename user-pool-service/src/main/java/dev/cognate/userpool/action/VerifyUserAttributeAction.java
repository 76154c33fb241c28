package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserAttributeSelfService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * VerifyUserAttribute: the code sent to the signed-in user's email or phone number; the attribute becomes verified (a pending
 * new value becomes active).
 */
@ApplicationScoped
public class VerifyUserAttributeAction implements AwsAction<VerifyUserAttributeAction.Request, Map<String, Object>> {

    public record Request(String accessToken, String attributeName, String code) {
    }

    private final UserAttributeSelfService service;

    public VerifyUserAttributeAction(UserAttributeSelfService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "VerifyUserAttribute";
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
        Validation validation = Validation.of().required("accessToken", request.accessToken()).required("attributeName", request.attributeName())
                .length("attributeName", request.attributeName(), 1, 32)
                .pattern("attributeName", request.attributeName(), UserRequests.ATTRIBUTE_NAME)
                .required("code", request.code()).length("code", request.code(), 1, 2048);
        validation.throwIfInvalid();
        return service.verifyUserAttribute(request.accessToken(), request.attributeName(), request.code()).replaceWith(Map.of());
    }
}
