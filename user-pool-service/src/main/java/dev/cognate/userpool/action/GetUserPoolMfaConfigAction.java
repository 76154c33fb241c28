package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserPoolMfaService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GetUserPoolMfaConfig: the pool's MFA state, enabled factors and WebAuthn settings ({@code UserVerification} preferred by default). */
@ApplicationScoped
public class GetUserPoolMfaConfigAction implements AwsAction<GetUserPoolMfaConfigAction.Request, ObjectNode> {

    public record Request(String userPoolId) {
    }

    private final UserPoolMfaService service;

    public GetUserPoolMfaConfigAction(UserPoolMfaService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetUserPoolMfaConfig";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<ObjectNode> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()).throwIfInvalid();
        return service.get(request.userPoolId());
    }
}
