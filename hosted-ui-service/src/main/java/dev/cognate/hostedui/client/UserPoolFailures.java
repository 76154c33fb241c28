package dev.cognate.hostedui.client;

import jakarta.ws.rs.WebApplicationException;

/** How a failed call to user-pool-service is read: a 404 answer, or a short reason to log. */
public final class UserPoolFailures {

    private UserPoolFailures() {
    }

    /** Whether user-pool-service answered 404 (the client, branding or image does not exist). */
    public static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null && web.getResponse().getStatus() == 404;
    }

    /** {@code HTTP <status>} for an answer, else the exception's type and message (a timeout, a refused connection). */
    public static String reason(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                ? "HTTP " + web.getResponse().getStatus()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
