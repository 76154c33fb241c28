package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.AppClientService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AddUserPoolClientSecret: a second secret of a confidential client, for rotation without downtime. The value
 * is returned only when Cognate generated it, as Cognito.
 */
@ApplicationScoped
public class AddUserPoolClientSecretAction
        implements AwsAction<AddUserPoolClientSecretAction.Request, AddUserPoolClientSecretAction.Response> {

    static final Pattern SECRET = Pattern.compile("[\\w+]+");

    public record Request(String userPoolId, String clientId, String clientSecret) {
    }

    public record Response(ClientSecretRequests.ClientSecretDescriptor clientSecretDescriptor) {
    }

    private final AppClientService service;

    public AddUserPoolClientSecretAction(AppClientService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "AddUserPoolClientSecret";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<Response> execute(Request request, ActionContext context) {
        AppClientRequests.clientId(UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()), request.clientId())
                .length("clientSecret", request.clientSecret(), 24, 64)
                .pattern("clientSecret", request.clientSecret(), SECRET)
                .throwIfInvalid();
        Optional<String> given = Optional.ofNullable(request.clientSecret());
        return service.addUserPoolClientSecret(request.userPoolId(), request.clientId(), given)
                .map(secret -> new Response(new ClientSecretRequests.ClientSecretDescriptor(secret.secretId(),
                        given.isPresent() ? null : secret.value(), secret.creationDate())));
    }
}
