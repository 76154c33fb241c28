package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.IdentityPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** DeleteIdentityPool: the pool is gone; its identities can no longer get credentials. */
@ApplicationScoped
public class DeleteIdentityPoolAction implements AwsAction<DeleteIdentityPoolAction.Request, Map<String, Object>> {

    public record Request(String identityPoolId) {
    }

    private final IdentityPoolService service;

    public DeleteIdentityPoolAction(IdentityPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteIdentityPool";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        IdentityPoolRequests.identityPoolId(Validation.of(), request.identityPoolId()).throwIfInvalid();
        return service.deleteIdentityPool(request.identityPoolId()).replaceWith(Map.of());
    }
}
