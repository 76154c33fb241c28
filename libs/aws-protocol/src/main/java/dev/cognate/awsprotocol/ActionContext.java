package dev.cognate.awsprotocol;

/**
 * What an action knows about the call besides its body.
 *
 * @param requestId   the {@code x-amzn-RequestId} of the response
 * @param accessKeyId the verified operator access key, or {@code null} for unsigned actions
 * @param sourceIp    the peer address
 * @param userAgent   the caller's {@code User-Agent}, or {@code null}
 */
public record ActionContext(String requestId, String accessKeyId, String sourceIp, String userAgent) {
}
