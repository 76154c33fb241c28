package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.DeveloperIdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * MergeDeveloperIdentities (signed): the identity of the source developer user is merged into the destination's (its
 * logins move to it, it is disabled); answers the destination's identity id.
 */
@ApplicationScoped
public class MergeDeveloperIdentitiesAction implements AwsAction<MergeDeveloperIdentitiesAction.Request, MergeDeveloperIdentitiesAction.Response> {

    public record Request(String sourceUserIdentifier, String destinationUserIdentifier, String developerProviderName, String identityPoolId) {
    }

    public record Response(String identityId) {
    }

    private final DeveloperIdentityService developerIdentities;

    public MergeDeveloperIdentitiesAction(DeveloperIdentityService developerIdentities) {
        this.developerIdentities = developerIdentities;
    }

    @Override
    public String name() {
        return "MergeDeveloperIdentities";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<MergeDeveloperIdentitiesAction.Response> execute(Request request, ActionContext context) {
        Validation validation = Validation.of().required("sourceUserIdentifier", request.sourceUserIdentifier())
                .required("destinationUserIdentifier", request.destinationUserIdentifier());
        DeveloperIdentityRequests.developerUserIdentifier(validation, "sourceUserIdentifier", request.sourceUserIdentifier());
        DeveloperIdentityRequests.developerUserIdentifier(validation, "destinationUserIdentifier", request.destinationUserIdentifier());
        DeveloperIdentityRequests.developerProviderName(validation, request.developerProviderName());
        IdentityPoolRequests.identityPoolId(validation, request.identityPoolId()).throwIfInvalid();
        return developerIdentities.merge(request.identityPoolId(), request.developerProviderName(), request.sourceUserIdentifier(),
                request.destinationUserIdentifier()).map(Response::new);
    }
}
