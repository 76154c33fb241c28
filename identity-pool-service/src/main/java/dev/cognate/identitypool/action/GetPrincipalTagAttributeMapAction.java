package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.identitypool.service.PrincipalTagService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GetPrincipalTagAttributeMap: what SetPrincipalTagAttributeMap stored for the provider. */
@ApplicationScoped
public class GetPrincipalTagAttributeMapAction implements AwsAction<GetPrincipalTagAttributeMapAction.Request, PrincipalTagAttributeMapResponse> {

    public record Request(String identityPoolId, String identityProviderName) {
    }

    private final PrincipalTagService service;

    public GetPrincipalTagAttributeMapAction(PrincipalTagService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetPrincipalTagAttributeMap";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<PrincipalTagAttributeMapResponse> execute(Request request, ActionContext context) {
        PrincipalTagRequests.poolAndProvider(request.identityPoolId(), request.identityProviderName()).throwIfInvalid();
        return service.get(request.identityPoolId(), request.identityProviderName()).map(PrincipalTagAttributeMapResponse::of);
    }
}
