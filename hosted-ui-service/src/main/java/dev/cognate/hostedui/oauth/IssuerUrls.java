package dev.cognate.hostedui.oauth;

/** The configured issuer base URL without a trailing slash, so that {@code <base>/<poolId>} is the exact issuer. */
final class IssuerUrls {

    private IssuerUrls() {
    }

    static String trimmed(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
