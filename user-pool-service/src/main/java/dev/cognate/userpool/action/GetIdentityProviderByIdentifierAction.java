package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GetIdentityProviderByIdentifier: the provider one of whose IdpIdentifiers is the one given. */
@ApplicationScoped
public class GetIdentityProviderByIdentifierAction
        implements AwsAction<GetIdentityProviderByIdentifierAction.Request, IdentityProviderRequests.Response> {

    public record Request(String userPoolId, String idpIdentifier) {
    }

    private final IdentityProviderService service;
    private final DerivedProviderDetails derived;

    public GetIdentityProviderByIdentifierAction(IdentityProviderService service, DerivedProviderDetails derived) {
        this.derived = derived;
        this.service = service;
    }

    @Override
    public String name() {
        return "GetIdentityProviderByIdentifier";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<IdentityProviderRequests.Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .required("idpIdentifier", request.idpIdentifier())
                .length("idpIdentifier", request.idpIdentifier(), 1, 40)
                .pattern("idpIdentifier", request.idpIdentifier(), IdentityProviderRequests.IDP_IDENTIFIER)
                .throwIfInvalid();
        return service.getIdentityProviderByIdentifier(request.userPoolId(), request.idpIdentifier())
                .chain(derived::addTo).map(IdentityProviderRequests.Response::of);
    }
}
