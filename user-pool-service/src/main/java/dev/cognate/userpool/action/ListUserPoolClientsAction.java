package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.service.AppClientService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** ListUserPoolClients: a pool's clients by id, {@code MaxResults} (1–60, 60 when omitted) at a time. */
@ApplicationScoped
public class ListUserPoolClientsAction implements AwsAction<ListUserPoolClientsAction.Request, ListUserPoolClientsAction.Response> {

    public record Request(String userPoolId, Integer maxResults, String nextToken) {
    }

    public record Response(List<ObjectNode> userPoolClients, String nextToken) {
    }

    private final AppClientService service;

    public ListUserPoolClientsAction(AppClientService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListUserPoolClients";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .range("maxResults", request.maxResults(), 1, 60)
                .length("nextToken", request.nextToken(), 1, 131072)
                .throwIfInvalid();
        int limit = request.maxResults() == null ? 60 : request.maxResults();
        String after = PaginationToken.decode(request.nextToken());
        return service.listUserPoolClients(request.userPoolId(), after, limit)
                .map(fetched -> Page.of(fetched, limit, AppClient::clientId).map(AppClientResponses::description))
                .map(page -> new Response(page.items(), page.nextToken()));
    }
}
