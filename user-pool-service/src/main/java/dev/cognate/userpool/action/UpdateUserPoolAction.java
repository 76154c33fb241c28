package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * UpdateUserPool. As in Cognito, settings the request leaves out return to their defaults; the
 * members Cognito fixes at creation (Schema, UsernameAttributes, AliasAttributes,
 * UsernameConfiguration) are kept.
 */
@ApplicationScoped
public class UpdateUserPoolAction implements AwsAction<ObjectNode, ObjectNode> {

    private final UserPoolService service;

    public UpdateUserPoolAction(UserPoolService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateUserPool";
    }

    @Override
    public Class<ObjectNode> requestType() {
        return ObjectNode.class;
    }

    @Override
    public Uni<ObjectNode> execute(ObjectNode request, ActionContext context) {
        String userPoolId = UserPoolRequests.text(request, "UserPoolId");
        String poolName = UserPoolRequests.text(request, "PoolName");
        UserPoolRequests.poolName(UserPoolRequests.userPoolId(Validation.of(), userPoolId), poolName).throwIfInvalid();
        return service.updateUserPool(userPoolId, request).replaceWith(JsonNodeFactory.instance.objectNode());
    }
}
