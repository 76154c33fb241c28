package dev.cognate.hostedui.web;

import jakarta.ws.rs.core.NewCookie;

import java.time.Duration;

/**
 * The hosted UI's cookies: {@code __Host-} names, so browsers take them only with {@code Secure}, {@code Path=/} and
 * no {@code Domain} (no subdomain can plant or read them); {@code HttpOnly}; {@code SameSite=Lax}, so the top-level
 * redirect back from an app still carries the session while cross-site posts do not. (Browsers accept {@code Secure}
 * cookies from {@code http://localhost}, which keeps the local stack working.)
 */
final class Cookies {

    private Cookies() {
    }

    /** A cookie the browser keeps for {@code maxAge}, or for the browser session when {@code maxAge} is null. */
    static NewCookie of(String name, String value, Duration maxAge) {
        return builder(name).value(value).maxAge(maxAge == null ? NewCookie.DEFAULT_MAX_AGE : (int) maxAge.toSeconds())
                .build();
    }

    /** Deletes the cookie in the browser. */
    static NewCookie cleared(String name) {
        return builder(name).value("").maxAge(0).build();
    }

    /**
     * A cookie that must come back with a cross-site POST: {@code SameSite=None} (with {@code Secure}, which browsers
     * require for it). The federation attempt's cookie: a SAML provider posts its response to {@code /saml2/idpresponse}
     * and Sign in with Apple its {@code form_post} to {@code /oauth2/idpresponse}, both from the provider's site, where a
     * Lax cookie would be withheld. Chromium treats {@code http://localhost} as secure, so the local stack keeps it.
     */
    static NewCookie crossSite(String name, String value, Duration maxAge) {
        return builder(name).sameSite(NewCookie.SameSite.NONE).value(value).maxAge((int) maxAge.toSeconds()).build();
    }

    static NewCookie clearedCrossSite(String name) {
        return builder(name).sameSite(NewCookie.SameSite.NONE).value("").maxAge(0).build();
    }

    private static NewCookie.Builder builder(String name) {
        return new NewCookie.Builder(name).path("/").secure(true).httpOnly(true).sameSite(NewCookie.SameSite.LAX);
    }
}
