package dev.cognate.userpool.trigger;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reading members of a function's {@code response}: absent or null is the default; any other type is an unrecognizable answer. */
final class TriggerAnswers {

    private TriggerAnswers() {
    }

    static boolean flag(JsonNode response, String name) {
        JsonNode value = response.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw LambdaTriggers.invalidResponse();
        }
        return value.booleanValue();
    }

    /** A string map ({@code {"name": "value"}}); empty when absent or null. */
    static Map<String, String> strings(JsonNode response, String name) {
        JsonNode value = response.path(name);
        Map<String, String> strings = new LinkedHashMap<>();
        if (value.isMissingNode() || value.isNull()) {
            return strings;
        }
        if (!value.isObject()) {
            throw LambdaTriggers.invalidResponse();
        }
        value.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw LambdaTriggers.invalidResponse();
            }
            strings.put(entry.getKey(), entry.getValue().asText());
        });
        return strings;
    }

    /** A string; null when absent or null. */
    static String string(JsonNode response, String name) {
        JsonNode value = response.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw LambdaTriggers.invalidResponse();
        }
        return value.asText();
    }
}
