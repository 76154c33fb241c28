package dev.cognate.hostedui.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;

/** Small facts about the browser's request that several pages need. */
final class PageRequests {

    private PageRequests() {
    }

    static String acceptLanguage(HttpHeaders headers) {
        return headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE);
    }

    /**
     * The browser's IP address for user-pool-service's auth events and risk checks; behind a proxy it is correct
     * when {@code quarkus.http.proxy.proxy-address-forwarding} is on. Null when unknown.
     */
    static String ipAddress(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    /** A form value with surrounding whitespace removed; null when empty. */
    static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
