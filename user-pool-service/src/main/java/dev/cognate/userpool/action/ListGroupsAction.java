package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Page;
import dev.cognate.awsprotocol.PaginationToken;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.Group;
import dev.cognate.userpool.service.GroupService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * ListGroups: a pool's groups in name order, {@code Limit} (0–60; absent or 0 means 60) at a time,
 * continued with {@code NextToken}.
 */
@ApplicationScoped
public class ListGroupsAction implements AwsAction<ListGroupsAction.Request, ListGroupsAction.Response> {

    static final int MAX_LIMIT = 60;

    public record Request(String userPoolId, Integer limit, String nextToken) {
    }

    public record Response(List<GroupRequests.GroupType> groups, String nextToken) {
    }

    private final GroupService service;

    public ListGroupsAction(GroupService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListGroups";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId())
                .range("limit", request.limit(), 0, MAX_LIMIT)
                .length("nextToken", request.nextToken(), 1, 131072)
                .throwIfInvalid();
        int limit = request.limit() == null || request.limit() == 0 ? MAX_LIMIT : request.limit();
        String after = PaginationToken.decode(request.nextToken());
        return service.listGroups(request.userPoolId(), after, limit)
                .map(fetched -> Page.of(fetched, limit, Group::groupName).map(GroupRequests.GroupType::of))
                .map(page -> new Response(page.items(), page.nextToken()));
    }
}
