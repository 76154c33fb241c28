package dev.cognate.hostedui.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cognate.internalapi.FederationResponses;

import java.util.Map;

/**
 * A browser's sign-in to one user pool through the hosted UI (Cognito's hosted-UI session cookie).
 *
 * @param authTime        when the user typed the password (epoch seconds): {@code auth_time}, checked against {@code max_age}
 * @param created         when the session was created (epoch seconds), for the absolute timeout
 * @param clientId        the app client the sign-in was for (null in sessions written before federation)
 * @param providerName    the identity provider the user signed in through; null for the user pool's own sign-in
 * @param providerSession what user-pool-service gave at the federated sign-in for a later sign-out at the provider
 *                        (opaque here, but for {@code FederationResponses.SignedIn.IDP_SIGNOUT}); empty otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostedSession(String poolId, String sub, String username, long authTime, long created, String clientId,
                            String providerName, Map<String, String> providerSession) {

    public HostedSession {
        providerSession = providerSession == null ? Map.of() : Map.copyOf(providerSession);
    }

    /** A session of the user pool's own sign-in. */
    public HostedSession(String poolId, String sub, String username, long authTime, long created) {
        this(poolId, sub, username, authTime, created, null, null, Map.of());
    }

    /** Signing out must also sign the user out at the SAML provider they came through ({@code IDPSignout}). */
    public boolean signsOutAtProvider() {
        return providerName != null && "true".equals(providerSession.get(FederationResponses.SignedIn.IDP_SIGNOUT));
    }
}
