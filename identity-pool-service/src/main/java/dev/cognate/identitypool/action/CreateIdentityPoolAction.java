package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.domain.IdentityPoolConfiguration;
import dev.cognate.identitypool.service.IdentityPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** CreateIdentityPool: a new pool {@code <region>:<uuid>} with the given configuration and Cognito's defaults for the rest. */
@ApplicationScoped
public class CreateIdentityPoolAction implements AwsAction<IdentityPoolInput, IdentityPoolResponses.IdentityPoolType> {

    private final IdentityPoolService service;

    public CreateIdentityPoolAction(IdentityPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateIdentityPool";
    }

    @Override
    public Class<IdentityPoolInput> requestType() {
        return IdentityPoolInput.class;
    }

    @Override
    public Uni<IdentityPoolResponses.IdentityPoolType> execute(IdentityPoolInput request, ActionContext context) {
        IdentityPoolConfiguration configuration = IdentityPoolRequests.configuration(Validation.of(), request);
        return service.createIdentityPool(request.identityPoolName(), configuration, request.identityPoolTags())
                .map(IdentityPoolResponses::identityPoolType);
    }
}
