package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.IdentityPoolTagsService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** TagResource (signed): adds tags to an identity pool, by its ARN (at most 50 in all). */
@ApplicationScoped
public class TagResourceAction implements AwsAction<TagResourceAction.Request, Map<String, Object>> {

    public record Request(String resourceArn, Map<String, String> tags) {
    }

    private final IdentityPoolTagsService tags;

    public TagResourceAction(IdentityPoolTagsService tags) {
        this.tags = tags;
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
        Validation validation = Validation.of().required("resourceArn", request.resourceArn())
                .length("resourceArn", request.resourceArn(), 20, 2048)
                .required("tags", request.tags());
        DeveloperIdentityRequests.tags(validation, "tags", request.tags(), DeveloperIdentityRequests.MAX_TAGS, 0).throwIfInvalid();
        return tags.tag(request.resourceArn(), request.tags()).replaceWith(Map.of());
    }
}
