package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.action.ProviderLinkRequests.ProviderUserIdentifier;
import dev.cognate.userpool.service.ProviderLinks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * AdminDisableProviderForUser: the user can no longer sign in the way {@code User} names — a linked provider identity is
 * unlinked, an unlinked one's federated user disabled, and {@code Cognito} + a username loses its password.
 */
@ApplicationScoped
public class AdminDisableProviderForUserAction implements AwsAction<AdminDisableProviderForUserAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, ProviderUserIdentifier user) {
    }

    private final ProviderLinks links;

    public AdminDisableProviderForUserAction(ProviderLinks links) {
        this.links = links;
    }

    @Override
    public String name() {
        return "AdminDisableProviderForUser";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation validation = UserPoolRequests.userPoolId(Validation.of(), request.userPoolId());
        ProviderLinkRequests.providerUser(validation, "user", request.user(), true);
        validation.throwIfInvalid();
        return links.disable(request.userPoolId(), request.user().toProviderUser()).replaceWith(Map.of());
    }
}
