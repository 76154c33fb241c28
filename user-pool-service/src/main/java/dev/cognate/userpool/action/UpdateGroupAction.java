package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.GroupService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** : the members the request gives (Description, RoleArn, Precedence) replace the stored ones; the others stay. */
@ApplicationScoped
public class UpdateGroupAction implements AwsAction<UpdateGroupAction.Request, UpdateGroupAction.Response> {

    public record Request(String userPoolId, String groupName, String description, String roleArn, Integer precedence) {
    }

    public record Response(GroupRequests.GroupType group) {
    }

    private final GroupService service;

    public UpdateGroupAction(GroupService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateGroup";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        GroupRequests.attributes(GroupRequests.target(request.userPoolId(), request.groupName()),
                request.description(), request.roleArn(), request.precedence()).throwIfInvalid();
        return service.updateGroup(request.userPoolId(), request.groupName(), request.description(), request.roleArn(), request.precedence())
                .map(group -> new Response(GroupRequests.GroupType.of(group)));
    }
}
