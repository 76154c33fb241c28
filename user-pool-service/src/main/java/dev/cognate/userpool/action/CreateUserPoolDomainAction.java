package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.UserPoolDomainService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * CreateUserPoolDomain: a prefix domain ({@code my-app}) or a custom domain ({@code auth.example.com}, with a
 * certificate) for the pool's hosted login. {@code ManagedLoginVersion} defaults to 1 (the classic hosted UI), as
 * in Cognito's API.
 */
@ApplicationScoped
public class CreateUserPoolDomainAction implements AwsAction<CreateUserPoolDomainAction.Request, UserPoolDomainRequests.Response> {

    public record Request(String domain, String userPoolId, UserPoolDomainRequests.CustomDomainConfig customDomainConfig,
                          Integer managedLoginVersion) {
    }

    private final UserPoolDomainService service;

    public CreateUserPoolDomainAction(UserPoolDomainService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateUserPoolDomain";
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
        UserPoolDomainRequests.checkNewDomain(request.domain(), request.customDomainConfig());
        String certificateArn = request.customDomainConfig() == null ? null : request.customDomainConfig().certificateArn();
        int managedLoginVersion = request.managedLoginVersion() == null ? 1 : request.managedLoginVersion();
        return service.createUserPoolDomain(request.userPoolId(), request.domain(), certificateArn, managedLoginVersion)
                .map(domain -> UserPoolDomainRequests.Response.of(domain, service.cloudFrontHost(domain)));
    }
}
