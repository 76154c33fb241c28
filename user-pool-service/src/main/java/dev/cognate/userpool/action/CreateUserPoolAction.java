package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.service.UserPoolService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** CreateUserPool: a new pool with the given configuration and Cognito's defaults for the rest. */
@ApplicationScoped
public class CreateUserPoolAction implements AwsAction<ObjectNode, ObjectNode> {

    private final UserPoolService service;
    private final CognateConfig config;

    public CreateUserPoolAction(UserPoolService service, CognateConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public String name() {
        return "CreateUserPool";
    }

    @Override
    public Class<ObjectNode> requestType() {
        return ObjectNode.class;
    }

    @Override
    public Uni<ObjectNode> execute(ObjectNode request, ActionContext context) {
        String poolName = UserPoolRequests.text(request, "PoolName");
        UserPoolRequests.poolName(Validation.of().required("poolName", poolName), poolName).throwIfInvalid();
        return service.createUserPool(poolName, request)
                .map(pool -> JsonNodeFactory.instance.objectNode().set("UserPool", UserPoolResponses.userPoolType(pool, config)));
    }
}
