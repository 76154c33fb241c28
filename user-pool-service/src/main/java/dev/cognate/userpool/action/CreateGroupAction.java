package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.GroupService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** : a new group in a pool; its name is unique in the pool, and a pool holds at most Cognito's quota of groups. */
@ApplicationScoped
public class CreateGroupAction implements AwsAction<CreateGroupAction.Request, CreateGroupAction.Response> {

    public record Request(String userPoolId, String groupName, String description, String roleArn, Integer precedence) {
    }

    public record Response(GroupRequests.GroupType group) {
    }

    private final GroupService service;

    public CreateGroupAction(GroupService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateGroup";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        GroupRequests.attributes(GroupRequests.target(request.userPoolId(), request.groupName()),
                request.description(), request.roleArn(), request.precedence()).throwIfInvalid();
        return service.createGroup(request.userPoolId(), request.groupName(), request.description(), request.roleArn(), request.precedence())
                .map(group -> new Response(GroupRequests.GroupType.of(group)));
    }
}
