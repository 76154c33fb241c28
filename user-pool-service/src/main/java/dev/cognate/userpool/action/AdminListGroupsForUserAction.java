package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.GroupMembershipService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * AdminListGroupsForUser: the groups a user (named by username, alias or sub) is in, in name order,
 * {@code Limit} (0–60; absent or 0 means 60) at a time, continued with {@code NextToken}.
 */
@ApplicationScoped
public class AdminListGroupsForUserAction implements AwsAction<AdminListGroupsForUserAction.Request, AdminListGroupsForUserAction.Response> {

    static final int MAX_LIMIT = 60;

    public record Request(String userPoolId, String username, Integer limit, String nextToken) {
    }

    public record Response(List<GroupRequests.GroupType> groups, String nextToken) {
    }

    private final GroupMembershipService service;

    public AdminListGroupsForUserAction(GroupMembershipService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminListGroupsForUser";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserRequests.target(request.userPoolId(), request.username())
                .range("limit", request.limit(), 0, MAX_LIMIT)
                .length("nextToken", request.nextToken(), 1, 131072)
                .throwIfInvalid();
        int limit = request.limit() == null || request.limit() == 0 ? MAX_LIMIT : request.limit();
        return service.listGroupsForUser(request.userPoolId(), request.username(), request.nextToken(), limit)
                .map(page -> page.map(GroupRequests.GroupType::of))
                .map(page -> new Response(page.items(), page.nextToken()));
    }
}
