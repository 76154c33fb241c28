package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.service.UserPoolTagService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** UntagResource: removes the tags with the given keys from a user pool (by ARN); unknown keys are ignored. */
@ApplicationScoped
public class UntagResourceAction implements AwsAction<UntagResourceAction.Request, Map<String, Object>> {

    public record Request(String resourceArn, List<String> tagKeys) {
    }

    private final UserPoolTagService service;
    private final CognateConfig config;

    public UntagResourceAction(UserPoolTagService service, CognateConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "UntagResource";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Map<String, Object>> execute(Request request, ActionContext context) {
        TagRequests.tagKeys(TagRequests.resourceArn(Validation.of(), request.resourceArn()), request.tagKeys()).throwIfInvalid();
        String poolId = TagRequests.userPoolId(request.resourceArn(), config);
        return service.untag(poolId, request.tagKeys() == null ? List.of() : request.tagKeys()).replaceWith(Map.of());
    }
}
