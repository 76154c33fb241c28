package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.domain.IdentityPoolRoles;
import dev.cognate.identitypool.service.IdentityPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** GetIdentityPoolRoles: what SetIdentityPoolRoles stored (empty maps before it was called). */
@ApplicationScoped
public class GetIdentityPoolRolesAction implements AwsAction<GetIdentityPoolRolesAction.Request, GetIdentityPoolRolesAction.Response> {

    public record Request(String identityPoolId) {
    }

    public record Response(String identityPoolId, Map<String, String> roles, Map<String, IdentityPoolRoles.RoleMapping> roleMappings) {
    }

    private final IdentityPoolService service;

    public GetIdentityPoolRolesAction(IdentityPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetIdentityPoolRoles";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        IdentityPoolRequests.identityPoolId(Validation.of(), request.identityPoolId()).throwIfInvalid();
        return service.getRoles(request.identityPoolId())
                .map(roles -> new Response(request.identityPoolId(), roles.roles(), roles.roleMappings()));
    }
}
