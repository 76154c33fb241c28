package dev.cognate.userpool.oauth;

import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.domain.UserPool;

/**
 * The client of an OAuth 2.0 request, authenticated: its pool, its settings, and whether it is confidential (has a
 * secret, and proved it) or public (sent only its {@code client_id}).
 */
public record OAuthClient(UserPool pool, AppClient client, boolean confidential) {

    public String clientId() {
        return client.clientId();
    }

    /**
     * Whether the client may use the OAuth flow {@code flow} ({@code code}, {@code implicit}, {@code client_credentials}): its
     * {@code AllowedOAuthFlows} names it and {@code AllowedOAuthFlowsUserPoolClient} is on, as Cognito requires.
     */
    public boolean allowsFlow(String flow) {
        return allowsFlow(client, flow);
    }

    /** As {@link #allowsFlow(String)}, for any app client ({@code implicit} too, which has no token request). */
    public static boolean allowsFlow(AppClient client, String flow) {
        return client.config().allowsOAuthFlow(flow);
    }
}
