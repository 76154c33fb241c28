package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.IdentityPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DescribeIdentityPool: the pool's whole configuration. */
@ApplicationScoped
public class DescribeIdentityPoolAction implements AwsAction<DescribeIdentityPoolAction.Request, IdentityPoolResponses.IdentityPoolType> {

    public record Request(String identityPoolId) {
    }

    private final IdentityPoolService service;

    public DescribeIdentityPoolAction(IdentityPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DescribeIdentityPool";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<IdentityPoolResponses.IdentityPoolType> execute(Request request, ActionContext context) {
        IdentityPoolRequests.identityPoolId(Validation.of(), request.identityPoolId()).throwIfInvalid();
        return service.describeIdentityPool(request.identityPoolId()).map(IdentityPoolResponses::identityPoolType);
    }
}
