package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.userpool.service.AppClientService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DescribeUserPoolClient: the client's configuration and, as Cognito, its secret. */
@ApplicationScoped
public class DescribeUserPoolClientAction implements AwsAction<AppClientRequests.Key, ObjectNode> {

    private final AppClientService service;

    public DescribeUserPoolClientAction(AppClientService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DescribeUserPoolClient";
    }

    @Override
    public Class<AppClientRequests.Key> requestType() {
        return AppClientRequests.Key.class;
    }

    @Override
    public Uni<ObjectNode> execute(AppClientRequests.Key request, ActionContext context) {
        AppClientRequests.validateKey(request);
        return service.describeUserPoolClient(request.userPoolId(), request.clientId()).map(AppClientResponses::userPoolClient);
    }
}
