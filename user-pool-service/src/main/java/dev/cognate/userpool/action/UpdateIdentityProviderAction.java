package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** UpdateIdentityProvider: each of ProviderDetails, AttributeMapping and IdpIdentifiers given replaces the stored one. */
@ApplicationScoped
public class UpdateIdentityProviderAction implements AwsAction<UpdateIdentityProviderAction.Request, IdentityProviderRequests.Response> {

    public record Request(String userPoolId, String providerName, Map<String, String> providerDetails,
                          Map<String, String> attributeMapping, List<String> idpIdentifiers) {
    }

    private final IdentityProviderService service;
    private final DerivedProviderDetails derived;

    public UpdateIdentityProviderAction(IdentityProviderService service, DerivedProviderDetails derived) {
        this.derived = derived;
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateIdentityProvider";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<IdentityProviderRequests.Response> execute(Request request, ActionContext context) {
        IdentityProviderRequests.settings(IdentityProviderRequests.target(request.userPoolId(), request.providerName()),
                request.providerDetails(), request.attributeMapping(), request.idpIdentifiers()).throwIfInvalid();
        return service.updateIdentityProvider(request.userPoolId(), request.providerName(), request.providerDetails(),
                        request.attributeMapping(), request.idpIdentifiers())
                .chain(derived::addTo).map(IdentityProviderRequests.Response::of);
    }
}
