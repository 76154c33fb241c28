package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DescribeIdentityProvider: the provider with all its details, client_secret included as Cognito shows it. */
@ApplicationScoped
public class DescribeIdentityProviderAction implements AwsAction<DescribeIdentityProviderAction.Request, IdentityProviderRequests.Response> {

    public record Request(String userPoolId, String providerName) {
    }

    private final IdentityProviderService service;
    private final DerivedProviderDetails derived;

    public DescribeIdentityProviderAction(IdentityProviderService service, DerivedProviderDetails derived) {
        this.service = service;
        this.derived = derived;
    }

    @Override
    public String name() {
        return "DescribeIdentityProvider";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<IdentityProviderRequests.Response> execute(Request request, ActionContext context) {
        IdentityProviderRequests.target(request.userPoolId(), request.providerName()).throwIfInvalid();
        return service.describeIdentityProvider(request.userPoolId(), request.providerName()).chain(derived::addTo)
                .map(IdentityProviderRequests.Response::of);
    }
}
