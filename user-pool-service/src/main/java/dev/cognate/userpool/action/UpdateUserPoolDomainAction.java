package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.UserPoolDomainService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** UpdateUserPoolDomain: a new certificate for a custom domain, or another managed login version; the name stays. */
@ApplicationScoped
public class UpdateUserPoolDomainAction implements AwsAction<UpdateUserPoolDomainAction.Request, UserPoolDomainRequests.Response> {

    public record Request(String domain, String userPoolId, UserPoolDomainRequests.CustomDomainConfig customDomainConfig,
                          Integer managedLoginVersion) {
    }

    private final UserPoolDomainService service;

    public UpdateUserPoolDomainAction(UserPoolDomainService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateUserPoolDomain";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<UserPoolDomainRequests.Response> execute(Request request, ActionContext context) {
        UserPoolDomainRequests.managedLoginVersion(UserPoolDomainRequests.customDomainConfig(
                UserPoolDomainRequests.target(request.userPoolId(), request.domain()), request.customDomainConfig()),
                request.managedLoginVersion()).throwIfInvalid();
        String certificateArn = request.customDomainConfig() == null ? null : request.customDomainConfig().certificateArn();
        return service.updateUserPoolDomain(request.userPoolId(), request.domain(), certificateArn, request.managedLoginVersion())
                .map(domain -> UserPoolDomainRequests.Response.of(domain, service.cloudFrontHost(domain)));
    }
}
