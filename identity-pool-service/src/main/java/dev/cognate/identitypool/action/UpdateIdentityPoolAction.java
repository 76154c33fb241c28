package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.domain.IdentityPoolConfiguration;
import dev.cognate.identitypool.service.IdentityPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * UpdateIdentityPool. A full replacement, as in Cognito: members the request leaves out return to
 * their defaults. Two exceptions: {@code DeveloperProviderName} cannot change once set (left out,
 * it is kept), and {@code IdentityPoolTags} left out keeps the current tags.
 */
@ApplicationScoped
public class UpdateIdentityPoolAction implements AwsAction<IdentityPoolInput, IdentityPoolResponses.IdentityPoolType> {

    private final IdentityPoolService service;

    public UpdateIdentityPoolAction(IdentityPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateIdentityPool";
    }

    @Override
    public Class<IdentityPoolInput> requestType() {
        return IdentityPoolInput.class;
    }

    @Override
    public Uni<IdentityPoolResponses.IdentityPoolType> execute(IdentityPoolInput request, ActionContext context) {
        IdentityPoolConfiguration configuration =
                IdentityPoolRequests.configuration(IdentityPoolRequests.identityPoolId(Validation.of(), request.identityPoolId()), request);
        return service.updateIdentityPool(request.identityPoolId(), request.identityPoolName(), configuration, request.identityPoolTags())
                .map(IdentityPoolResponses::identityPoolType);
    }
}
