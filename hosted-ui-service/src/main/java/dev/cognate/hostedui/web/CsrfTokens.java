package dev.cognate.hostedui.web;

import dev.cognate.hostedui.service.SecretIds;
import jakarta.ws.rs.core.NewCookie;

/**
 * CSRF protection of every form, double-submit: a random token in the {@value #COOKIE} cookie (a pre-session cookie,
 * set by the page that shows the form) and the same token in the form's hidden {@value #FIELD} field. Another site can
 * make a browser post the form but can neither read nor set the {@code __Host-} cookie, so it cannot make them match.
 * Compared in constant time; a mismatch is a 403 error page.
 */
final class CsrfTokens {

    static final String COOKIE = "__Host-cognate-csrf";
    static final String FIELD = "_csrf";

    private CsrfTokens() {
    }

    /** The token for a form: the browser's existing one if well formed, else a new one (see {@link #cookieFor}). */
    static String tokenFor(String cookieValue) {
        return SecretIds.isWellFormed(cookieValue) ? cookieValue : SecretIds.newId();
    }

    /** The cookie to set with a page showing {@code token}, or null when the browser already has it. */
    static NewCookie cookieFor(String token, String cookieValue) {
        return token.equals(cookieValue) ? null : Cookies.of(COOKIE, token, null);
    }

    /** Throws the 403 error page unless the form's token matches the cookie. */
    static void verify(String cookieValue, String formToken) {
        if (!SecretIds.isWellFormed(cookieValue) || !SecretIds.matches(cookieValue, formToken)) {
            throw new PageException(PageError.CSRF_MISMATCH);
        }
    }
}
