package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.AppClientService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** ListUserPoolClientSecrets: the ids and creation dates of a client's secrets (at most two, so one page); never their values. */
@ApplicationScoped
public class ListUserPoolClientSecretsAction
        implements AwsAction<AppClientRequests.Key, ListUserPoolClientSecretsAction.Response> {

    public record Response(List<ClientSecretRequests.ClientSecretDescriptor> clientSecrets) {
    }

    private final AppClientService service;

    public ListUserPoolClientSecretsAction(AppClientService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "ListUserPoolClientSecrets";
    }

    @Override
    public Class<AppClientRequests.Key> requestType() {
        return AppClientRequests.Key.class;
    }

    @Override
    public Uni<Response> execute(AppClientRequests.Key request, ActionContext context) {
        AppClientRequests.validateKey(request);
        return service.listUserPoolClientSecrets(request.userPoolId(), request.clientId())
                .map(secrets -> new Response(secrets.stream().map(ClientSecretRequests.ClientSecretDescriptor::withoutValue).toList()));
    }
}
