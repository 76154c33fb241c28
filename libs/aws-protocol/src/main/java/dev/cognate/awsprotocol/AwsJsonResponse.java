package dev.cognate.awsprotocol;

import java.util.Map;

/** A response ready for the wire: status, headers and the JSON body bytes. */
public record AwsJsonResponse(int status, Map<String, String> headers, byte[] body) {
}
