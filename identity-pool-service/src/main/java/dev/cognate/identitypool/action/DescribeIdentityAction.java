package dev.cognate.identitypool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.identitypool.service.IdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DescribeIdentity: an identity's linked provider names and dates. */
@ApplicationScoped
public class DescribeIdentityAction implements AwsAction<DescribeIdentityAction.Request, IdentityResponses.IdentityDescription> {

    public record Request(String identityId) {
    }

    private final IdentityService identities;

    public DescribeIdentityAction(IdentityService identities) {
        this.identities = identities;
    }

    @Override
    public String name() {
        return "DescribeIdentity";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<IdentityResponses.IdentityDescription> execute(Request request, ActionContext context) {
        IdentityRequests.identityId(Validation.of(), request.identityId()).throwIfInvalid();
        return identities.describeIdentity(request.identityId()).map(IdentityResponses::description);
    }
}
