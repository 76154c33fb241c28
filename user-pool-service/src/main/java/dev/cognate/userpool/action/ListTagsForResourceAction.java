package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.service.UserPoolTagService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ListTagsForResource: a user pool's tags (by ARN). */
@ApplicationScoped
public class ListTagsForResourceAction implements AwsAction<ListTagsForResourceAction.Request, ListTagsForResourceAction.Response> {

    public record Request(String resourceArn) {
    }

    public record Response(Map<String, String> tags) {
    }

    private final UserPoolTagService service;
    private final CognateConfig config;

    public ListTagsForResourceAction(UserPoolTagService service, CognateConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "ListTagsForResource";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        TagRequests.resourceArn(Validation.of(), request.resourceArn()).throwIfInvalid();
        return service.listTags(TagRequests.userPoolId(request.resourceArn(), config)).map(Response::new);
    }
}
