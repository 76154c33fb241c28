package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cognate.userpool.domain.User;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The envelope every Cognito trigger event shares: {@code version}, {@code triggerSource}, {@code region} (from the
 * pool id, {@code <region>_<id>}), {@code userPoolId}, {@code userName}, {@code callerContext {awsSdkVersion,
 * clientId}}, and empty {@code request} / {@code response} objects the trigger fills.
 */
public final class TriggerEvents {

    /** Cognito's {@code callerContext.clientId} when no app client is involved (AdminCreateUser). */
    public static final String NO_CLIENT = "CLIENT_ID_NOT_APPLICABLE";
    /** Cognito passes the caller's SDK version; Cognate does not track the caller's SDK, so it says so as Cognito does for unknown callers. */
    static final String SDK_VERSION = "aws-sdk-unknown-unknown";

    private TriggerEvents() {
    }

    public static ObjectNode envelope(String version, String triggerSource, String userPoolId, String userName, String clientId) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("version", version);
        event.put("triggerSource", triggerSource);
        int separator = userPoolId.indexOf('_');
        event.put("region", separator > 0 ? userPoolId.substring(0, separator) : userPoolId);
        event.put("userPoolId", userPoolId);
        event.put("userName", userName);
        event.putObject("callerContext").put("awsSdkVersion", SDK_VERSION).put("clientId", clientId == null ? NO_CLIENT : clientId);
        event.putObject("request");
        event.putObject("response");
        return event;
    }

    /**
     * A stored user's attributes as Cognito shows them to PreAuthentication, CustomMessage and PreTokenGeneration:
     * {@code sub} first, the attributes, then {@code cognito:user_status}.
     */
    public static ObjectNode userAttributes(User user) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("sub", user.sub().toString());
        shown.putAll(user.attributes());
        shown.put("cognito:user_status", user.status().name());
        return stringMap(shown);
    }

    /** A string map as a JSON object ({@code null} stays null, as Cognito sends absent maps). */
    public static ObjectNode stringMap(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        values.forEach(node::put);
        return node;
    }
}
