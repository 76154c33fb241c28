package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.GroupMembershipService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * ListUsersInGroup: a group's members as {@code UserType}, in a stable order (by {@code sub}),
 * {@code Limit} (0–60; absent or 0 means 60) at a time, continued with {@code NextToken}.
 */
@ApplicationScoped
public class ListUsersInGroupAction implements AwsAction<ListUsersInGroupAction.Request, ListUsersInGroupAction.Response> {

    static final int MAX_LIMIT = 60;

    public record Request(String userPoolId, String groupName, Integer limit, String nextToken) {
    }

    public record Response(List<UserRequests.UserType> users, String nextToken) {
    }

    private final GroupMembershipService service;

    public ListUsersInGroupAction(GroupMembershipService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListUsersInGroup";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        GroupRequests.target(request.userPoolId(), request.groupName())
                .range("limit", request.limit(), 0, MAX_LIMIT)
                .length("nextToken", request.nextToken(), 1, 131072)
                .throwIfInvalid();
        int limit = request.limit() == null || request.limit() == 0 ? MAX_LIMIT : request.limit();
        return service.listUsersInGroup(request.userPoolId(), request.groupName(), request.nextToken(), limit)
                .map(page -> page.map(user -> UserRequests.UserType.of(user, null)))
                .map(page -> new Response(page.items(), page.nextToken()));
    }
}
