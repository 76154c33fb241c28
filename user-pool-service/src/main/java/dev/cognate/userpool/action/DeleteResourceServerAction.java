package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.ResourceServerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * DeleteResourceServer. As in Cognito, clients that were given its scopes keep them in their
 * configuration; tokens simply cannot carry a scope that no longer exists.
 */
@ApplicationScoped
public class DeleteResourceServerAction implements AwsAction<ResourceServerRequests.Key, Map<String, Object>> {

    private final ResourceServerService service;

    public DeleteResourceServerAction(ResourceServerService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteResourceServer";
    }

    @Override
    public Class<ResourceServerRequests.Key> requestType() {
        return ResourceServerRequests.Key.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(ResourceServerRequests.Key request, ActionContext context) {
        ResourceServerRequests.identifier(UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()), request.identifier())
                .throwIfInvalid();
        return service.deleteResourceServer(request.userPoolId(), request.identifier()).replaceWith(Map.of());
    }
}
