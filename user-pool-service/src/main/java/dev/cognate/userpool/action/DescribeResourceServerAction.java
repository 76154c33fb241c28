package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.ResourceServerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DescribeResourceServer: a resource server and its scopes. */
@ApplicationScoped
public class DescribeResourceServerAction implements AwsAction<ResourceServerRequests.Key, ResourceServerRequests.Response> {

    private final ResourceServerService service;

    public DescribeResourceServerAction(ResourceServerService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DescribeResourceServer";
    }

    @Override
    public Class<ResourceServerRequests.Key> requestType() {
        return ResourceServerRequests.Key.class;
    }

    @Override
    public Uni<ResourceServerRequests.Response> execute(ResourceServerRequests.Key request, ActionContext context) {
        ResourceServerRequests.identifier(UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()), request.identifier())
                .throwIfInvalid();
        return service.describeResourceServer(request.userPoolId(), request.identifier())
                .map(server -> new ResourceServerRequests.Response(ResourceServerRequests.ResourceServerType.of(server)));
    }
}
