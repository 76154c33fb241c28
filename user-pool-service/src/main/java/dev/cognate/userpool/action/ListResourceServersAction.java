package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.ResourceServer;
import dev.cognate.userpool.service.ResourceServerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** ListResourceServers: a pool's resource servers by identifier, {@code MaxResults} (1–50, 50 when omitted) at a time. */
@ApplicationScoped
public class ListResourceServersAction implements AwsAction<ListResourceServersAction.Request, ListResourceServersAction.Response> {

    public record Request(String userPoolId, Integer maxResults, String nextToken) {
    }

    public record Response(List<ResourceServerRequests.ResourceServerType> resourceServers, String nextToken) {
    }

    private final ResourceServerService service;

    public ListResourceServersAction(ResourceServerService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListResourceServers";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .range("maxResults", request.maxResults(), 1, 50)
                .length("nextToken", request.nextToken(), 1, 131072)
                .throwIfInvalid();
        int limit = request.maxResults() == null ? 50 : request.maxResults();
        String after = PaginationToken.decode(request.nextToken());
        return service.listResourceServers(request.userPoolId(), after, limit)
                .map(fetched -> Page.of(fetched, limit, ResourceServer::identifier)
                        .map(ResourceServerRequests.ResourceServerType::of))
                .map(page -> new Response(page.items(), page.nextToken()));
    }
}
