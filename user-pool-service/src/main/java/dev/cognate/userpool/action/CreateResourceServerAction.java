package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.ResourceServerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** CreateResourceServer: a resource server with its custom scopes; the identifier is unique in the pool. */
@ApplicationScoped
public class CreateResourceServerAction implements AwsAction<ResourceServerRequests.Request, ResourceServerRequests.Response> {

    private final ResourceServerService service;

    public CreateResourceServerAction(ResourceServerService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateResourceServer";
    }

    @Override
    public Class<ResourceServerRequests.Request> requestType() {
        return ResourceServerRequests.Request.class;
    }

    @Override
    public Uni<ResourceServerRequests.Response> execute(ResourceServerRequests.Request request, ActionContext context) {
        return service.createResourceServer(ResourceServerRequests.validated(request))
                .map(server -> new ResourceServerRequests.Response(ResourceServerRequests.ResourceServerType.of(server)));
    }
}
