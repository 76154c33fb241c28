package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.GroupMembershipService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * AdminAddUserToGroup: puts a user (named by username, alias or sub) in a group of its pool; adding a
 * member again changes nothing. A user is in at most Cognito's quota of groups.
 */
@ApplicationScoped
public class AdminAddUserToGroupAction implements AwsAction<AdminAddUserToGroupAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, String groupName) {
    }

    private final GroupMembershipService service;

    public AdminAddUserToGroupAction(GroupMembershipService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminAddUserToGroup";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        GroupRequests.membership(request.userPoolId(), request.username(), request.groupName()).throwIfInvalid();
        return service.addUserToGroup(request.userPoolId(), request.username(), request.groupName()).replaceWith(Map.of());
    }
}
