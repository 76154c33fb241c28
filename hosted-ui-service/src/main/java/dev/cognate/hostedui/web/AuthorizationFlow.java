package dev.cognate.hostedui.web;

import dev.cognate.internalapi.AppClientConfig;
import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.config.HostedUiConfig;
import dev.cognate.hostedui.oauth.AuthorizationRequest;
import dev.cognate.hostedui.oauth.AuthorizationRequestValidator;
import dev.cognate.hostedui.oauth.OAuthRedirectException;
import dev.cognate.hostedui.oauth.OAuthRedirects;
import dev.cognate.hostedui.service.AppClientDirectory;
import dev.cognate.hostedui.service.AuthorizationCodes;
import dev.cognate.hostedui.service.HostedSession;
import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.ImplicitGrants;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What every hosted page shares: reading the authorization request the page continues (client looked up, request
 * validated again), and ending a sign-in (new session, then a code — or the implicit flow's tokens — and the redirect
 * to the client).
 */
@ApplicationScoped
public class AuthorizationFlow {

    /** A page's client and validated request. */
    public record Validated(AppClientConfig client, AuthorizationRequest request) {
    }

    private final AppClientDirectory clients;
    private final AuthorizationRequestValidator validator;
    private final HostedSessions sessions;
    private final AuthorizationCodes codes;
    private final ImplicitGrants implicitGrants;
    private final HostedUiConfig config;
    private final Clock clock;

    public AuthorizationFlow(AppClientDirectory clients, AuthorizationRequestValidator validator,
                             HostedSessions sessions, AuthorizationCodes codes, ImplicitGrants implicitGrants,
                             HostedUiConfig config, Clock clock) {
        this.clients = clients;
        this.validator = validator;
        this.sessions = sessions;
        this.codes = codes;
        this.implicitGrants = implicitGrants;
        this.config = config;
        this.clock = clock;
    }

    /** Looks the client up and validates the request; fails with the error page or the error redirect. */
    public Uni<Validated> validate(Map<String, List<String>> parameters) {
        List<String> clientIds = parameters.getOrDefault("client_id", List.of());
        if (clientIds.isEmpty() || clientIds.get(0) == null || clientIds.get(0).isBlank()) {
            return Uni.createFrom().failure(new PageException(PageError.MISSING_CLIENT_ID));
        }
        if (clientIds.size() > 1) {
            return Uni.createFrom().failure(new PageException(PageError.BAD_REQUEST));
        }
        return clients.find(clientIds.get(0))
                .map(client -> new Validated(client, validator.validate(client, parameters)));
    }

    /**
     * As {@link #validate}, for the pages of the user pool's own accounts (sign-up, confirmation, password reset): a
     * client without {@code COGNITO} in SupportedIdentityProviders signs users in only through its providers.
     */
    public Uni<Validated> validateForUserPool(Map<String, List<String>> parameters) {
        return validate(parameters).map(validated -> {
            if (!validated.client().supportedIdentityProviders().contains("COGNITO")) {
                throw new PageException(PageError.USER_POOL_SIGN_IN_UNAVAILABLE);
            }
            return validated;
        });
    }

    public Uni<AppClientConfig> client(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return Uni.createFrom().failure(new PageException(PageError.MISSING_CLIENT_ID));
        }
        return clients.find(clientId);
    }

    public String issuer(String userPoolId) {
        return validator.issuer(userPoolId);
    }

    /**
     * The user just authenticated: the old session (if any) ends, a new one starts (new id: no fixation), and the
     * browser goes to the client with the authorization response (303 after a form).
     */
    public Uni<Response> completeSignIn(AuthorizationRequest request, String sub, String username, long authTime,
                                        String previousSessionId) {
        return completeSignIn(request, sub, username, authTime, previousSessionId, null);
    }

    /** As {@link #completeSignIn(AuthorizationRequest, String, String, long, String)}, for a sign-in through a provider. */
    public Uni<Response> completeSignIn(AuthorizationRequest request, String sub, String username, long authTime,
                                        String previousSessionId, HostedSessions.FederatedSignIn federated) {
        return sessions.end(previousSessionId)
                .chain(() -> sessions.create(request.userPoolId(), sub, username, authTime, federated))
                .chain(sessionId -> authorizationResponse(request, sub, username, authTime, sessionId)
                        .map(location -> Response.status(Response.Status.SEE_OTHER)
                                .header("Location", location)
                                .cookie(Cookies.of(HostedSessions.COOKIE, sessionId,
                                        config.session().absoluteTimeout()))
                                .build()));
    }

    /** Single sign-on: the authorization response from the browser's live session, without a password (302). */
    public Uni<Response> issueFromSession(AuthorizationRequest request, HostedSession session, String sessionId) {
        return authorizationResponse(request, session.sub(), session.username(), session.authTime(), sessionId)
                .map(location -> Response.status(Response.Status.FOUND).header("Location", location).build());
    }

    /**
     * Where the browser goes for a signed-in user: the redirect URI with {@code code}, {@code state} and {@code iss};
     * for the implicit flow with the tokens in the fragment. user-pool-service refusing the implicit tokens (the user
     * was disabled or the client changed since the sign-in) sends the browser back with {@code access_denied}.
     */
    private Uni<String> authorizationResponse(AuthorizationRequest request, String sub, String username, long authTime,
                                              String sessionId) {
        String issuer = issuer(request.userPoolId());
        String sessionHandle = HostedSessions.handle(sessionId);
        if (!request.implicit()) {
            return codes.issue(request, sub, username, authTime, sessionHandle)
                    .map(code -> OAuthRedirects.withCode(request.redirectUri(), code, request.state(), issuer));
        }
        return implicitGrants.issue(request, sub, username, authTime, sessionHandle)
                .map(tokens -> OAuthRedirects.withTokens(request.redirectUri(), tokens, request.state(), issuer))
                .onFailure(CognitoErrorException.class).recoverWithItem(refused -> OAuthRedirectException
                        .of(request, issuer, "access_denied", refused.getMessage()).location());
    }

    /** A session of the same pool, no forced login, and a sign-in recent enough for {@code max_age}. */
    public boolean allowsSingleSignOn(HostedSession session, AuthorizationRequest request) {
        if (!session.poolId().equals(request.userPoolId()) || request.forcesLogin()) {
            return false;
        }
        if (request.maxAge() == null) {
            return true;
        }
        long elapsed = clock.instant().getEpochSecond() - session.authTime();
        // max_age=0 always asks for the password again (OIDC Core: equivalent to prompt=login).
        return request.maxAge() > 0 && elapsed <= request.maxAge();
    }

    /** A redirect to another hosted page ({@code path?query}, relative to this host). */
    public static Response seeOther(String pageUrl) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", pageUrl).build();
    }
}
