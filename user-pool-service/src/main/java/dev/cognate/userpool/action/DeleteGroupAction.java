package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.GroupService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** DeleteGroup. */
@ApplicationScoped
public class DeleteGroupAction implements AwsAction<DeleteGroupAction.Request, Map<String, Object>> {

    public record Request(String userPoolId, String groupName) {
    }

    private final GroupService service;

    public DeleteGroupAction(GroupService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteGroup";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        GroupRequests.target(request.userPoolId(), request.groupName()).throwIfInvalid();
        return service.deleteGroup(request.userPoolId(), request.groupName()).replaceWith(Map.of());
    }
}
