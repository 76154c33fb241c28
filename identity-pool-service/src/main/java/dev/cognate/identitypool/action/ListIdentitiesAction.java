package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.domain.Identity;
import dev.cognate.identitypool.service.IdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** ListIdentities: a pool's identities by id, {@code MaxResults} (1–60) at a time, disabled ones left out with {@code HideDisabled}. */
@ApplicationScoped
public class ListIdentitiesAction implements AwsAction<ListIdentitiesAction.Request, ListIdentitiesAction.Response> {

    public record Request(String identityPoolId, Integer maxResults, String nextToken, Boolean hideDisabled) {
    }

    public record Response(String identityPoolId, List<IdentityResponses.IdentityDescription> identities, String nextToken) {
    }

    private final IdentityService identities;

    public ListIdentitiesAction(IdentityService identities) {
        this.identities = identities;
    }

    @Override
    public String name() {
        return "ListIdentities";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        IdentityPoolRequests.identityPoolId(Validation.of(), request.identityPoolId())
                .required("maxResults", request.maxResults())
                .range("maxResults", request.maxResults(), 1, 60)
                .length("nextToken", request.nextToken(), 1, 65535)
                .pattern("nextToken", request.nextToken(), IdentityPoolRequests.PAGINATION_KEY)
                .throwIfInvalid();
        String after = PaginationToken.decode(request.nextToken());
        return identities.listIdentities(request.identityPoolId(), after, Boolean.TRUE.equals(request.hideDisabled()), request.maxResults())
                .map(fetched -> Page.of(fetched, request.maxResults(), Identity::id).map(IdentityResponses::description))
                .map(page -> new Response(request.identityPoolId(), page.items(), page.nextToken()));
    }
}
