package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.service.UserPoolTagService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** TagResource: adds tags to a user pool (by ARN), replacing the values of keys it has; at most 50 tags. */
@ApplicationScoped
public class TagResourceAction implements AwsAction<TagResourceAction.Request, Map<String, Object>> {

    public record Request(String resourceArn, Map<String, String> tags) {
    }

    private final UserPoolTagService service;
    private final CognateConfig config;

    public TagResourceAction(UserPoolTagService service, CognateConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "TagResource";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        TagRequests.tags(TagRequests.resourceArn(Validation.of(), request.resourceArn()), request.tags()).throwIfInvalid();
        String poolId = TagRequests.userPoolId(request.resourceArn(), config);
        return service.tag(poolId, request.tags() == null ? Map.of() : request.tags()).replaceWith(Map.of());
    }
}
