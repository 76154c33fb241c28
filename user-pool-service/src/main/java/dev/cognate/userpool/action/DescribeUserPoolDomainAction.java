package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.service.UserPoolDomainService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * DescribeUserPoolDomain: a domain by name alone, whichever pool owns it. Like Cognito, a name no pool owns is not
 * an error: the answer is an empty {@code DomainDescription}, which is how clients check that a name is free.
 */
@ApplicationScoped
public class DescribeUserPoolDomainAction implements AwsAction<DescribeUserPoolDomainAction.Request, DescribeUserPoolDomainAction.Response> {

    public record Request(String domain) {
    }

    public record Response(UserPoolDomainRequests.DomainDescription domainDescription) {
    }

    private final UserPoolDomainService service;
    private final CognateConfig config;

    public DescribeUserPoolDomainAction(UserPoolDomainService service, CognateConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "DescribeUserPoolDomain";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        UserPoolDomainRequests.domain(Validation.of(), request.domain()).throwIfInvalid();
        return service.describeUserPoolDomain(request.domain())
                .map(found -> new Response(found
                        .map(domain -> UserPoolDomainRequests.DomainDescription.of(domain, config.accountId(), service.cloudFrontHost(domain)))
                        .orElse(UserPoolDomainRequests.DomainDescription.NONE)));
    }
}
