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
 * AdminLinkProviderForUser: links a provider identity that has not signed in yet ({@code SourceUser}) to an existing user
 * ({@code DestinationUser}: {@code Cognito} and a username, or a provider and its federated user's subject); the identity's
 * later sign-ins sign in as that user.
 */
@ApplicationScoped
public class AdminLinkProviderForUserAction implements AwsAction<AdminLinkProviderForUserAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, ProviderUserIdentifier destinationUser, ProviderUserIdentifier sourceUser) {
    }

    private final ProviderLinks links;

    public AdminLinkProviderForUserAction(ProviderLinks links) {
        this.links = links;
    }

    @Override
    public String name() {
        return "AdminLinkProviderForUser";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        Validation validation = UserPoolRequests.userPoolId(Validation.of(), request.userPoolId());
        ProviderLinkRequests.providerUser(validation, "destinationUser", request.destinationUser(), false);
        ProviderLinkRequests.providerUser(validation, "sourceUser", request.sourceUser(), true);
        validation.throwIfInvalid();
        return links.link(request.userPoolId(), request.destinationUser().toProviderUser(), request.sourceUser().toProviderUser())
                .replaceWith(Map.of());
    }
}
