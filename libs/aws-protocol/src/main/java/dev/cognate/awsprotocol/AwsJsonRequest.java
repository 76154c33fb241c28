package dev.cognate.awsprotocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as received, before anything is interpreted: what SigV4 verification needs
 * (method, raw path and query, headers as sent, body bytes) and what dispatch needs.
 *
 * @param headers header values by lower-case name
 */
public record AwsJsonRequest(String method, String rawPath, String rawQuery,
                             Map<String, List<String>> headers, byte[] body, String sourceIp) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
