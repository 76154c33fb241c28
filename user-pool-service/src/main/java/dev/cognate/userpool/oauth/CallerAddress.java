package dev.cognate.userpool.oauth;

import io.vertx.core.http.HttpServerRequest;

/** The caller's IP address as the API flows record it in authentication events (null when unknown). */
final class CallerAddress {

    private CallerAddress() {
    }

    static String of(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
