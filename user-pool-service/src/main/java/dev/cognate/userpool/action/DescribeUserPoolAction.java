package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.AwsAction;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.config.CognateConfig;
import dev.cognate.userpool.service.UserPoolDomainService;
import dev.cognate.userpool.service.UserPoolService;
import dev.cognate.userpool.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DescribeUserPool: the pool's whole configuration, with its whole schema, its domains and how many users it has. */
@ApplicationScoped
public class DescribeUserPoolAction implements AwsAction<DescribeUserPoolAction.Request, ObjectNode> {

    public record Request(String userPoolId) {
    }

    private final UserPoolService service;
    private final UserPoolDomainService domains;
    private final CognateConfig config;
    private final UserService users;

    public DescribeUserPoolAction(UserPoolService service, UserPoolDomainService domains, CognateConfig config, UserService users) {
        this.service = service;
        this.domains = domains;
        this.config = config;
        this.users = users;
    }

    @Override
    public String name() {
        return "DescribeUserPool";
    }

    @Override
    public Class<Request> requestType() {
        return Request.class;
    }

    @Override
    public Uni<ObjectNode> execute(Request request, ActionContext context) {
        UserPoolRequests.userPoolId(Validation.of(), request.userPoolId()).throwIfInvalid();
        return service.describeUserPool(request.userPoolId())
                .chain(pool -> domains.domainsOf(pool.id())
                        .map(owned -> UserPoolResponses.withDomains(UserPoolResponses.userPoolType(pool, config), owned))
                        .chain(type -> users.estimatedNumberOfUsers(pool.id()).map(count -> type.put("EstimatedNumberOfUsers", count))))
                .map(type -> JsonNodeFactory.instance.objectNode().set("UserPool", type));
    }
}
