package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.UserPool;

import java.util.Map;

/**
 * One authentication request after its client was authenticated: the pool and client, whether an administrator
 * (SigV4) made it, the flow, the request's parameters (AuthParameters or ChallengeResponses) and the caller's address
 * (recorded in authentication events; {@code null} when unknown).
 */
public record AuthContext(UserPool pool, AppClient client, boolean admin, String authFlow, Map<String, String> parameters,
                          String sourceIp) {

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** {@code PreventUserExistenceErrors} LEGACY: an unknown user is told apart ({@code UserNotFoundException}). */
    public boolean revealsUnknownUsers() {
        return "LEGACY".equals(client.settings().path("PreventUserExistenceErrors").asText("ENABLED"));
    }
}
