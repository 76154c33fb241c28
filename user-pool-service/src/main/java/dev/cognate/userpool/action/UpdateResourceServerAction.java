package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.ResourceServerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** UpdateResourceServer: replaces the name and the whole scope list, as Cognito (omitted scopes are removed). */
@ApplicationScoped
public class UpdateResourceServerAction implements AwsAction<ResourceServerRequests.Request, ResourceServerRequests.Response> {

    private final ResourceServerService service;

    public UpdateResourceServerAction(ResourceServerService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateResourceServer";
    }

    @Override
    public Class<ResourceServerRequests.Request> requestType() {
        return ResourceServerRequests.Request.class;
    }

    @Override
    public Uni<ResourceServerRequests.Response> execute(ResourceServerRequests.Request request, ActionContext context) {
        return service.updateResourceServer(ResourceServerRequests.validated(request))
                .map(server -> new ResourceServerRequests.Response(ResourceServerRequests.ResourceServerType.of(server)));
    }
}
