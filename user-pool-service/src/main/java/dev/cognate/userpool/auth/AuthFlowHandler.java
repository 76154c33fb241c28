package dev.cognate.userpool.auth;

import io.smallrye.mutiny.Uni;

import java.util.List;

/** One {@code AuthFlow} of InitiateAuth / AdminInitiateAuth, chosen by its name. */
public interface AuthFlowHandler {

    /** The AuthFlow values this handler serves (a flow and its legacy alias). */
    List<String> flows();

    /** Whether AdminInitiateAuth ({@code adminCall}) or InitiateAuth (not) may start this flow. */
    boolean servedBy(boolean adminCall);

    /** The ExplicitAuthFlows values that allow it; a client with only legacy values also allows {@code legacyAllowed}. */
    List<String> allowedBy();

    /** Whether a client configured with legacy (non-ALLOW_) ExplicitAuthFlows allows it without naming it. */
    default boolean legacyAllowed() {
        return false;
    }

    Uni<AuthResponse> start(AuthContext context);
}
