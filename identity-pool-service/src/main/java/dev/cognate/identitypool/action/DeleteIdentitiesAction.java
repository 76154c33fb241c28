package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.IdentityLifecycleService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * DeleteIdentities: deletes 1–60 identities with their logins; the ones that could not be deleted come back in
 * {@code UnprocessedIdentityIds}.
 */
@ApplicationScoped
public class DeleteIdentitiesAction implements AwsAction<DeleteIdentitiesAction.Request, DeleteIdentitiesAction.Response> {

    public record Request(List<String> identityIdsToDelete) {
    }

    public record UnprocessedIdentityId(String identityId, String errorCode) {
    }

    public record Response(List<UnprocessedIdentityId> unprocessedIdentityIds) {
    }

    private final IdentityLifecycleService identities;

    public DeleteIdentitiesAction(IdentityLifecycleService identities) {
        this.identities = identities;
    }

    @Override
    public String name() {
        return "DeleteIdentities";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<DeleteIdentitiesAction.Response> execute(Request request, ActionContext context) {
        Validation validation = Validation.of().required("identityIdsToDelete", request.identityIdsToDelete())
                .size("identityIdsToDelete", request.identityIdsToDelete(), 1, 60);
        DeveloperIdentityRequests.identityIds(validation, "identityIdsToDelete", request.identityIdsToDelete()).throwIfInvalid();
        return identities.deleteIdentities(request.identityIdsToDelete())
                .map(unprocessed -> new Response(unprocessed.stream()
                        .map(failed -> new UnprocessedIdentityId(failed.identityId(), failed.errorCode())).toList()));
    }
}
