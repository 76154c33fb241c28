package dev.cognate.awsprotocol;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Operator access keys as configured: {@code accessKeyId:secretAccessKey} entries (a comma-separated
 * list in one environment variable, e.g. {@code COGNATE_OPERATOR_ACCESS_KEYS}).
 */
public final class OperatorKeys {

    private OperatorKeys() {
    }

    /** Parses the entries; a malformed entry is a configuration error reported without its secret. */
    public static Map<String, String> parse(Collection<String> entries) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("operator access key entry must be 'accessKeyId:secretAccessKey' (entry "
                        + (secrets.size() + 1) + " is not)");
            }
            secrets.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
        }
        return Map.copyOf(secrets);
    }
}
