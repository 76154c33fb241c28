package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.domain.IdentityPoolRoles;
import dev.cognate.identitypool.service.IdentityPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** SetIdentityPoolRoles: the pool's authenticated/unauthenticated roles and role mappings, replaced as a whole. */
@ApplicationScoped
public class SetIdentityPoolRolesAction implements AwsAction<SetIdentityPoolRolesAction.Request, Map<String, Object>> {

    public record Request(String identityPoolId, Map<String, String> roles, Map<String, IdentityPoolRoles.RoleMapping> roleMappings) {
    }

    private final IdentityPoolService service;

    public SetIdentityPoolRolesAction(IdentityPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SetIdentityPoolRoles";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation validation = IdentityPoolRequests.identityPoolId(Validation.of(), request.identityPoolId());
        IdentityPoolRoles roles = RoleRequests.roles(validation, request.roles(), request.roleMappings());
        return service.setRoles(request.identityPoolId(), roles).replaceWith(Map.of());
    }
}
