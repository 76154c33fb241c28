package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.ActionContext;
import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.UserPoolSchemaService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Beyond Cognito, {@code X-Amz-Target: CognateAdmin.UpdateUserPoolSchema}: a pool's schema is not frozen.
 * {@code AttributeUpdates} (each a {@code SchemaAttributeType} naming an existing attribute: new
 * {@code Required}, {@code Mutable}, {@code StringAttributeConstraints}, {@code NumberAttributeConstraints})
 * and {@code AttributesToRemove} (custom attributes, deleted from every user too) apply together or not at
 * all; answers the new {@code SchemaAttributes} and {@code UsersChanged}.
 */
@ApplicationScoped
public class UpdateUserPoolSchemaAction implements CognateAdminAction<ObjectNode, ObjectNode> {

    private final UserPoolSchemaService service;

    public UpdateUserPoolSchemaAction(UserPoolSchemaService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateUserPoolSchema";
    }

    @Override
    public Class<ObjectNode> requestType() {
        return ObjectNode.class;
    }

    @Override
    public Uni<ObjectNode> execute(ObjectNode request, ActionContext context) {
        String poolId = UserPoolRequests.text(request, "UserPoolId");
        List<JsonNode> updates = new ArrayList<>();
        request.path("AttributeUpdates").forEach(updates::add);
        List<String> removals = new ArrayList<>();
        request.path("AttributesToRemove").forEach(name -> removals.add(name.asText()));
        Set<String> named = new HashSet<>();
        Validation validation = UserPoolRequests.userPoolId(Validation.of().required("userPoolId", poolId), poolId)
                .size("attributeUpdates", updates, 0, 50)
                .size("attributesToRemove", removals, 0, 50)
                .check(!updates.isEmpty() || !removals.isEmpty(), "At least one of AttributeUpdates and AttributesToRemove must be given");
        updates.forEach(update -> validation.check(update.isObject() && update.path("Name").isTextual(),
                "Each member of 'attributeUpdates' must be an object with a Name"));
        updates.forEach(update -> validation.check(named.add(update.path("Name").asText()), "Attribute "
                + update.path("Name").asText() + " is named more than once"));
        removals.forEach(name -> validation.check(named.add(name), "Attribute " + name + " is named more than once"));
        validation.throwIfInvalid();
        return service.updateSchema(poolId, updates, removals).map(update -> {
            ObjectNode response = JsonNodeFactory.instance.objectNode();
            response.set("SchemaAttributes", update.schema().toWire());
            return response.put("UsersChanged", update.usersChanged());
        });
    }
}
