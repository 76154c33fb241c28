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

    private static NewCookie.Builder builder(String name) {
        return new NewCookie.Builder(name).path("/").secure(true).httpOnly(true).sameSite(NewCookie.SameSite.LAX);
    }
}
