package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.domain.IdentityPool;
import dev.cognate.identitypool.service.IdentityPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** ListIdentityPools: pools in a stable order (by id), {@code MaxResults} (1–60) at a time, continued with {@code NextToken}. */
@ApplicationScoped
public class ListIdentityPoolsAction implements AwsAction<ListIdentityPoolsAction.Request, ListIdentityPoolsAction.Response> {

    public record Request(Integer maxResults, String nextToken) {
    }

    public record Response(List<IdentityPoolResponses.IdentityPoolShortDescription> identityPools, String nextToken) {
    }

    private final IdentityPoolService service;

    public ListIdentityPoolsAction(IdentityPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListIdentityPools";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        Validation.of()
                .required("maxResults", request.maxResults())
                .range("maxResults", request.maxResults(), 1, 60)
                .length("nextToken", request.nextToken(), 1, 65535)
                .pattern("nextToken", request.nextToken(), IdentityPoolRequests.PAGINATION_KEY)
                .throwIfInvalid();
        String after = PaginationToken.decode(request.nextToken());
        return service.listIdentityPools(after, request.maxResults())
                .map(fetched -> Page.of(fetched, request.maxResults(), IdentityPool::id).map(IdentityPoolResponses::shortDescription))
                .map(page -> new Response(page.items(), page.nextToken()));
    }
}
