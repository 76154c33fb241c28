package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.IdentityProviderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * CreateIdentityProvider: a SAML, OIDC or social provider users of the pool may sign in with. ProviderDetails are
 * checked for what the type needs; its secrets are stored sealed.
 */
@ApplicationScoped
public class CreateIdentityProviderAction implements AwsAction<CreateIdentityProviderAction.Request, IdentityProviderRequests.Response> {

    public record Request(String userPoolId, String providerName, String providerType, Map<String, String> providerDetails,
                          Map<String, String> attributeMapping, List<String> idpIdentifiers) {
    }

    private final IdentityProviderService service;
    private final DerivedProviderDetails derived;

    public CreateIdentityProviderAction(IdentityProviderService service, DerivedProviderDetails derived) {
        this.derived = derived;
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateIdentityProvider";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<IdentityProviderRequests.Response> execute(Request request, ActionContext context) {
        IdentityProviderRequests.settings(UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                        .required("providerName", request.providerName())
                        .length("providerName", request.providerName(), 1, 32)
                        .pattern("providerName", request.providerName(), IdentityProviderRequests.NEW_PROVIDER_NAME)
                        .required("providerType", request.providerType())
                        .oneOf("providerType", request.providerType(), IdentityProviderRequests.PROVIDER_TYPES)
                        .required("providerDetails", request.providerDetails()),
                request.providerDetails(), request.attributeMapping(), request.idpIdentifiers()).throwIfInvalid();
        IdentityProviderRequests.checkNewName(request.providerName(), request.providerType());
        return service.createIdentityProvider(request.userPoolId(), request.providerName(), request.providerType(),
                        request.providerDetails(), request.attributeMapping(), request.idpIdentifiers())
                .chain(derived::addTo).map(IdentityProviderRequests.Response::of);
    }
}
