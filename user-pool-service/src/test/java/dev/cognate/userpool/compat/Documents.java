package dev.cognate.userpool.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.document.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The AWS SDK's JSON {@code Document} members (CredentialCreationOptions, Credential) to and from Jackson trees. */
final class Documents {

    private Documents() {
    }

    static JsonNode toJson(Document document) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (document == null || document.isNull()) {
            return json.nullNode();
        }
        if (document.isMap()) {
            ObjectNode object = json.objectNode();
            document.asMap().forEach((key, value) -> object.set(key, toJson(value)));
            return object;
        }
        if (document.isList()) {
            ArrayNode array = json.arrayNode();
            document.asList().forEach(value -> array.add(toJson(value)));
            return array;
        }
        if (document.isString()) {
            return json.textNode(document.asString());
        }
        if (document.isBoolean()) {
            return json.booleanNode(document.asBoolean());
        }
        return json.numberNode(document.asNumber().bigDecimalValue());
    }

    static Document fromJson(JsonNode node) {
        if (node.isObject()) {
            Map<String, Document> members = new LinkedHashMap<>();
            node.fields().forEachRemaining(entry -> members.put(entry.getKey(), fromJson(entry.getValue())));
            return Document.fromMap(members);
        }
        if (node.isArray()) {
            List<Document> items = new ArrayList<>();
            node.forEach(item -> items.add(fromJson(item)));
            return Document.fromList(items);
        }
        if (node.isTextual()) {
            return Document.fromString(node.asText());
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.asBoolean());
        }
        if (node.isNumber()) {
            return Document.fromNumber(node.decimalValue());
        }
        return Document.fromNull();
    }
}
