package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.awsprotocol.ActionAuthorization;
import dev.cognate.identitypool.service.IdentityLifecycleService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * UnlinkIdentity (unsigned, as in AWS): the caller proves the identity with one of its {@code Logins}, and the
 * providers of {@code LoginsToRemove} are unlinked from it.
 */
@ApplicationScoped
public class UnlinkIdentityAction implements AwsAction<UnlinkIdentityAction.Request, Map<String, Object>> {

    public record Request(String identityId, Map<String, String> logins, List<String> loginsToRemove) {
    }

    private final IdentityLifecycleService identities;

    public UnlinkIdentityAction(IdentityLifecycleService identities) {
        this.identities = identities;
    }

    @Override
    public String name() {
        return "UnlinkIdentity";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public ActionAuthorization authorization() {
        return ActionAuthorization.NONE;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation validation = IdentityRequests.identityId(Validation.of(), request.identityId())
                .required("logins", request.logins())
                .required("loginsToRemove", request.loginsToRemove());
        if (request.loginsToRemove() != null) {
            for (int i = 0; i < request.loginsToRemove().size(); i++) {
                String path = "loginsToRemove." + (i + 1) + ".member";
                validation.required(path, request.loginsToRemove().get(i)).length(path, request.loginsToRemove().get(i), 1, 128);
            }
        }
        IdentityRequests.logins(validation, request.logins()).throwIfInvalid();
        return identities.unlinkIdentity(request.identityId(), request.logins(), request.loginsToRemove()).replaceWith(Map.of());
    }
}
