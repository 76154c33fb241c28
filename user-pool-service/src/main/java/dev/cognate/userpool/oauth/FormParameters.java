package dev.cognate.userpool.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code application/x-www-form-urlencoded} body of an OAuth 2.0 request, read strictly (RFC 6749 §3.2): another
 * content type, a malformed encoding or a parameter sent twice is {@code invalid_request}. Parameters sent without a
 * value count as absent (RFC 6749 §3.1).
 */
public final class FormParameters {

    /** Far more than any OAuth request needs; a larger body is refused before it is decoded. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final Map<String, String> values;

    private FormParameters(Map<String, String> values) {
        this.values = values;
    }

    public static FormParameters parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).split(";")[0].trim().equals("application/x-www-form-urlencoded")) {
            throw OAuthException.invalidRequest("The request must be sent as application/x-www-form-urlencoded.");
        }
        if (body != null && body.length > MAX_BODY_BYTES) {
            throw OAuthException.invalidRequest("The request body is too large.");
        }
        Map<String, String> values = new HashMap<>();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (values.containsKey(name)) {
                throw OAuthException.invalidRequest("The parameter " + name + " must not be sent more than once.");
            }
            values.put(name, value);
        }
        return new FormParameters(values);
    }

    /** The parameter's value, or null when it is absent or empty. */
    public String get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The parameter's value; {@code invalid_request} when it is absent. */
    public String require(String name) {
        String value = get(name);
        if (value == null) {
            throw OAuthException.invalidRequest("The parameter " + name + " is required.");
        }
        return value;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("The request body is not valid form encoding.");
        }
    }
}
