package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.UserPool;

import java.util.Map;

/**
 * One authentication request after its client was authenticated: the pool and client, whether an administrator
 * (SigV4) made it, the flow, the request's parameters (AuthParameters or ChallengeResponses) and the caller's address
 * (recorded in authentication events; {@code null} when unknown), and the request's {@code ClientMetadata} for the
 * triggers a sign-in runs ({@code null} when absent; InitiateAuth's reaches PreAuthentication and UserMigration as
 * {@code validationData}, as in Cognito). The hosted login pages run the same flows and
 * challenges under the flow name {@link #HOSTED_LOGIN}; only the end of their sign-ins differs (no tokens).
 */
public record AuthContext(UserPool pool, AppClient client, boolean admin, String authFlow, Map<String, String> parameters,
                          String sourceIp, Map<String, String> clientMetadata) {

    /** A step without client metadata. */
    public AuthContext(UserPool pool, AppClient client, boolean admin, String authFlow, Map<String, String> parameters, String sourceIp) {
        this(pool, client, admin, authFlow, parameters, sourceIp, null);
    }

    /** The flow of the hosted login pages' sign-ins, as authentication and {@code signed_in} events record it. */
    public static final String HOSTED_LOGIN = "HOSTED_UI";

    /** A sign-in of the hosted login pages: it ends with the user signed in (an authorization code follows), not tokens. */
    public boolean hostedLogin() {
        return HOSTED_LOGIN.equals(authFlow);
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** {@code PreventUserExistenceErrors} LEGACY: an unknown user is told apart ({@code UserNotFoundException}). */
    public boolean revealsUnknownUsers() {
        return !client.preventsUserExistenceErrors();
    }
}
