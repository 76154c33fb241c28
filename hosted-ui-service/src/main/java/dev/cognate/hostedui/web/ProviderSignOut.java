package dev.cognate.hostedui.web;

import dev.cognate.hostedui.service.FederationAttempts;
import dev.cognate.hostedui.service.HostedSession;
import dev.cognate.hostedui.service.UserPoolAccounts;
import dev.cognate.internalapi.FederationRequests;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Signing out at the SAML provider a session came through ({@code IDPSignout}). Cognate's own session is already
 * ended; where the browser was going next ({@code location}: a validated sign-out URL, or the sign-in page) is kept
 * under a random id that travels as the LogoutRequest's {@code RelayState}, and {@code /saml2/logout} continues there
 * once the provider answers. If the provider's sign-out cannot be started (user-pool-service refuses or fails, Redis
 * fails), the browser goes straight on: the user is signed out of Cognate either way.
 */
@ApplicationScoped
public class ProviderSignOut {

    private static final Logger LOG = Logger.getLogger(ProviderSignOut.class);

    private final FederationAttempts attempts;
    private final UserPoolAccounts accounts;

    public ProviderSignOut(FederationAttempts attempts, UserPoolAccounts accounts) {
        this.attempts = attempts;
        this.accounts = accounts;
    }

    /** Where the browser goes now: the provider's single logout service, or {@code location} when that cannot be. */
    public Uni<String> start(HostedSession session, String clientId, String location, String hostedUiBaseUrl) {
        return attempts.startSignOut(new FederationAttempts.SignOut(clientId, location))
                .chain(relayId -> accounts.callFederation("saml-logout", client -> client.samlLogout(session.clientId(),
                        new FederationRequests.SamlLogout(session.providerName(), session.providerSession(), hostedUiBaseUrl, relayId))))
                .map(redirect -> {
                    if (redirect == null || !FederationFlow.isHttpUrl(redirect.location())) {
                        throw new IllegalStateException("user-pool-service answered no provider location");
                    }
                    return redirect.location();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not sign out at the identity provider %s, continuing: %s", session.providerName(), failure.toString());
                    return location;
                });
    }
}
