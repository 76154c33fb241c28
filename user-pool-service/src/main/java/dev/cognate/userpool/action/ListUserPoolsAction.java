package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.service.UserPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** ListUserPools: pools in a stable order, {@code MaxResults} (1–60) at a time, continued with {@code NextToken}. */
@ApplicationScoped
public class ListUserPoolsAction implements AwsAction<ListUserPoolsAction.Request, ListUserPoolsAction.Response> {

    public record Request(Integer maxResults, String nextToken) {
    }

    public record Response(List<ObjectNode> userPools, String nextToken) {
    }

    private final UserPoolService service;

    public ListUserPoolsAction(UserPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListUserPools";
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
                .length("nextToken", request.nextToken(), 1, 131072)
                .throwIfInvalid();
        String after = PaginationToken.decode(request.nextToken());
        return service.listUserPools(after, request.maxResults())
                .map(fetched -> Page.of(fetched, request.maxResults(), UserPool::id).map(UserPoolResponses::description))
                .map(page -> new Response(page.items(), page.nextToken()));
    }
}
