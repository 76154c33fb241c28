package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** DeleteIdentityProvider; app clients that named the provider in SupportedIdentityProviders no longer do. */
@ApplicationScoped
public class DeleteIdentityProviderAction implements AwsAction<DeleteIdentityProviderAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String providerName) {
    }

    private final IdentityProviderService service;

    public DeleteIdentityProviderAction(IdentityProviderService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteIdentityProvider";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        IdentityProviderRequests.target(request.userPoolId(), request.providerName()).throwIfInvalid();
        return service.deleteIdentityProvider(request.userPoolId(), request.providerName()).replaceWith(Map.of());
    }
}
