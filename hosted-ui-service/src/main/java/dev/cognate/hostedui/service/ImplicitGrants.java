package dev.cognate.hostedui.service;

import dev.cognate.internalapi.HostedLoginRequests;
import dev.cognate.internalapi.HostedLoginResponses.ImplicitTokens;
import dev.cognate.hostedui.oauth.AuthorizationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The implicit flow's tokens for a user who has just signed in (form or session). This service mints nothing: it
 * writes the same grant a code would get ({@link AuthorizationCodes}; the request carries no PKCE challenge) and has
 * user-pool-service redeem it at once through {@code implicit-tokens} — so tokens still need a grant that only a real
 * sign-in produced, and the code itself never leaves this service. Fails as {@link UserPoolAccounts#call} does
 * (a Cognito refusal as {@code CognitoErrorException}, anything else {@link UserPoolUnavailableException}), or with
 * {@link SessionStoreUnavailableException} when Redis does not take the grant.
 */
@ApplicationScoped
public class ImplicitGrants {

    private final AuthorizationCodes codes;
    private final UserPoolAccounts accounts;

    public ImplicitGrants(AuthorizationCodes codes, UserPoolAccounts accounts) {
        this.codes = codes;
        this.accounts = accounts;
    }

    public Uni<ImplicitTokens> issue(AuthorizationRequest request, String sub, String username, long authTime,
                                     String sessionHandle) {
        return codes.issue(request, sub, username, authTime, sessionHandle)
                .chain(code -> accounts.call("implicit-tokens",
                        client -> client.implicitTokens(request.clientId(), new HostedLoginRequests.ImplicitTokens(code))));
    }
}
