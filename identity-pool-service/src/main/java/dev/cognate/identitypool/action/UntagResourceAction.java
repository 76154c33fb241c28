package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.IdentityPoolTagsService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** UntagResource (signed): removes tags of an identity pool, by its ARN. */
@ApplicationScoped
public class UntagResourceAction implements AwsAction<UntagResourceAction.Request, Map<String, Object>> {

    public record Request(String resourceArn, List<String> tagKeys) {
    }

    private final IdentityPoolTagsService tags;

    public UntagResourceAction(IdentityPoolTagsService tags) {
        this.tags = tags;
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
        Validation validation = Validation.of().required("resourceArn", request.resourceArn())
                .length("resourceArn", request.resourceArn(), 20, 2048)
                .required("tagKeys", request.tagKeys());
        DeveloperIdentityRequests.tagKeys(validation, "tagKeys", request.tagKeys()).throwIfInvalid();
        return tags.untag(request.resourceArn(), request.tagKeys()).replaceWith(Map.of());
    }
}
