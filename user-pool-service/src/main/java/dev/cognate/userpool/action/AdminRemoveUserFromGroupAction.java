package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.GroupMembershipService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** AdminRemoveUserFromGroup: takes a user (named by username, alias or sub) out of a group; a non-member stays as it is. */
@ApplicationScoped
public class AdminRemoveUserFromGroupAction implements AwsAction<AdminRemoveUserFromGroupAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String username, String groupName) {
    }

    private final GroupMembershipService service;

    public AdminRemoveUserFromGroupAction(GroupMembershipService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AdminRemoveUserFromGroup";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        GroupRequests.membership(request.userPoolId(), request.username(), request.groupName()).throwIfInvalid();
        return service.removeUserFromGroup(request.userPoolId(), request.username(), request.groupName()).replaceWith(Map.of());
    }
}
