package dev.cognate.userpool.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;

import java.util.ArrayList;
import java.util.List;

/**
 * A nested structure of a request, read member by member into a clean copy: each member read is checked for
 * its JSON type ({@code SerializationException} otherwise, as AWS fails deserialization before validation) and
 * copied; members never read are dropped, as the AWS JSON protocol ignores members a shape does not have.
 * JSON {@code null} counts as absent. {@link #path} gives the lower-camel member paths of AWS validation messages
 * ({@code lambdaConfig.customEmailSender.lambdaVersion}, {@code accountRecoverySetting.recoveryMechanisms.1.member.name}).
 */
final class WireObject {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonNode source;
    private final String wireName;
    private final String path;
    private final ObjectNode copy = JSON.objectNode();

    private WireObject(JsonNode source, String wireName, String path) {
        this.source = source;
        this.wireName = wireName;
        this.path = path;
    }

    /** A top-level member of a request, which must be a JSON object. */
    static WireObject of(String member, JsonNode value) {
        return nested(value, member, lowerCamel(member));
    }

    private static WireObject nested(JsonNode value, String wireName, String path) {
        if (!value.isObject()) {
            throw typeError(wireName);
        }
        return new WireObject(value, wireName, path);
    }

    /** The checked copy: the members read so far, plus whatever {@link #put} added. */
    ObjectNode copy() {
        return copy;
    }

    /** The AWS message path of a member of this object. */
    String path(String member) {
        return path + "." + lowerCamel(member);
    }

    boolean has(String member) {
        return value(member) != null;
    }

    String string(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw typeError(wireName + "." + member);
        }
        copy.set(member, value);
        return value.asText();
    }

    Boolean bool(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw typeError(wireName + "." + member);
        }
        copy.set(member, value);
        return value.asBoolean();
    }

    Long integer(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw typeError(wireName + "." + member);
        }
        copy.set(member, value);
        return value.asLong();
    }

    /** A list of strings, or {@code null} when absent. */
    List<String> strings(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw typeError(wireName + "." + member);
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw typeError(wireName + "." + member);
            }
            strings.add(element.asText());
        }
        copy.set(member, value);
        return strings;
    }

    /** A nested structure, or {@code null} when absent; its copy becomes this object's member. */
    WireObject object(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        WireObject nested = nested(value, wireName + "." + member, path(member));
        copy.set(member, nested.copy);
        return nested;
    }

    /** A list of structures, or {@code null} when absent; their copies become this object's member. */
    List<WireObject> objects(String member) {
        JsonNode value = value(member);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw typeError(wireName + "." + member);
        }
        ArrayNode copies = copy.putArray(member);
        List<WireObject> elements = new ArrayList<>();
        int index = 1;
        for (JsonNode element : value) {
            WireObject nested = nested(element, wireName + "." + member, path(member) + "." + index++ + ".member");
            copies.add(nested.copy);
            elements.add(nested);
        }
        return elements;
    }

    /** Sets a member of the copy (a default Cognito fills in). */
    WireObject put(String member, JsonNode value) {
        copy.set(member, value);
        return this;
    }

    private JsonNode value(String member) {
        JsonNode value = source.get(member);
        return value == null || value.isNull() ? null : value;
    }

    static CognitoException typeError(String member) {
        return new CognitoException("SerializationException", "Unexpected value type for member '" + member + "'.");
    }

    static String lowerCamel(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
