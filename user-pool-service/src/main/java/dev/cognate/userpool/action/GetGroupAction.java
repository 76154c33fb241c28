package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.GroupService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GetGroup: one group of a pool. */
@ApplicationScoped
public class GetGroupAction implements AwsAction<GetGroupAction.Request, GetGroupAction.Response> {

    public record Request(String userPoolId, String groupName) {
    }

    public record Response(GroupRequests.GroupType group) {
    }

    private final GroupService service;

    public GetGroupAction(GroupService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetGroup";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        GroupRequests.target(request.userPoolId(), request.groupName()).throwIfInvalid();
        return service.getGroup(request.userPoolId(), request.groupName()).map(group -> new Response(GroupRequests.GroupType.of(group)));
    }
}
