package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.DeveloperIdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * UnlinkDeveloperIdentity (signed): unlinks a developer user identifier from its identity; left without logins, the
 * identity is disabled.
 */
@ApplicationScoped
public class UnlinkDeveloperIdentityAction implements AwsAction<UnlinkDeveloperIdentityAction.Request, Map<String, Object>> {

    public record Request(String identityId, String identityPoolId, String developerProviderName, String developerUserIdentifier) {
    }

    private final DeveloperIdentityService developerIdentities;

    public UnlinkDeveloperIdentityAction(DeveloperIdentityService developerIdentities) {
        this.developerIdentities = developerIdentities;
    }

    @Override
    public String name() {
        return "UnlinkDeveloperIdentity";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation validation = IdentityRequests.identityId(Validation.of(), request.identityId());
        IdentityPoolRequests.identityPoolId(validation, request.identityPoolId());
        DeveloperIdentityRequests.developerProviderName(validation, request.developerProviderName());
        validation.required("developerUserIdentifier", request.developerUserIdentifier());
        DeveloperIdentityRequests.developerUserIdentifier(validation, "developerUserIdentifier", request.developerUserIdentifier()).throwIfInvalid();
        return developerIdentities.unlink(request.identityPoolId(), request.identityId(), request.developerProviderName(),
                request.developerUserIdentifier()).replaceWith(Map.of());
    }
}
