package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.IdentityPoolTagsService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ListTagsForResource (signed): the tags of an identity pool, by its ARN. */
@ApplicationScoped
public class ListTagsForResourceAction implements AwsAction<ListTagsForResourceAction.Request, ListTagsForResourceAction.Response> {

    public record Request(String resourceArn) {
    }

    public record Response(Map<String, String> tags) {
    }

    private final IdentityPoolTagsService tags;

    public ListTagsForResourceAction(IdentityPoolTagsService tags) {
        this.tags = tags;
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
    public Uni<ListTagsForResourceAction.Response> execute(Request request, ActionContext context) {
        Validation.of().required("resourceArn", request.resourceArn())
                .length("resourceArn", request.resourceArn(), 20, 2048)
                .throwIfInvalid();
        return tags.tags(request.resourceArn()).map(Response::new);
    }
}
