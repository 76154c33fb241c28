package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.UserPoolDomainService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** DeleteUserPoolDomain: only the pool that owns the domain may delete it. */
@ApplicationScoped
public class DeleteUserPoolDomainAction implements AwsAction<DeleteUserPoolDomainAction.Request, Map<String, Object>> {

    public record Request(String domain, String userPoolId) {
    }

    private final UserPoolDomainService service;

    public DeleteUserPoolDomainAction(UserPoolDomainService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteUserPoolDomain";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        UserPoolDomainRequests.target(request.userPoolId(), request.domain()).throwIfInvalid();
        return service.deleteUserPoolDomain(request.userPoolId(), request.domain()).replaceWith(Map.of());
    }
}
