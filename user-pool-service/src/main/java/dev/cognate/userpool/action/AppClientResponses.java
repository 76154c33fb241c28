package dev.cognate.userpool.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.service.AppClientService.ClientView;

/** The wire shapes of an app client: {@code UserPoolClientType} and {@code UserPoolClientDescription}. */
final class AppClientResponses {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AppClientResponses() {
    }

    /** {@code {"UserPoolClient": UserPoolClientType}}, with {@code ClientSecret} when the client has one, as Cognito. */
    static ObjectNode userPoolClient(ClientView view) {
        AppClient client = view.client();
        ObjectNode type = JSON.objectNode()
                .put("UserPoolId", client.userPoolId())
                .put("ClientName", client.clientName())
                .put("ClientId", client.clientId());
        view.secret().ifPresent(secret -> type.put("ClientSecret", secret));
        type.put("LastModifiedDate", UserPoolResponses.epochSeconds(client.lastModifiedDate()))
                .put("CreationDate", UserPoolResponses.epochSeconds(client.creationDate()));
        type.setAll(client.settings().deepCopy());
        return JSON.objectNode().set("UserPoolClient", type);
    }

    static ObjectNode description(AppClient client) {
        return JSON.objectNode()
                .put("ClientId", client.clientId())
                .put("UserPoolId", client.userPoolId())
                .put("ClientName", client.clientName());
    }
}
