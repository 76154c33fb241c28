package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AppClient;
import dev.cognate.userpool.service.ClientAuthenticator;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one sign-in engine (DESIGN.md §3): InitiateAuth / AdminInitiateAuth pick the {@link AuthFlowHandler} of the
 * AuthFlow, RespondToAuthChallenge / AdminRespondToAuthChallenge the {@link ChallengeHandler} of the ChallengeName. The
 * client is authenticated first (SECRET_HASH), then must allow the flow in its ExplicitAuthFlows.
 *
 * <p>The hosted login pages run the same flows and challenges ({@link #hostedSignIn}, {@link #hostedRespond}) for a
 * client already resolved for the hosted login, under the flow name {@link AuthContext#HOSTED_LOGIN}: the same lockout,
 * events and audit reasons, and the same challenges — a page per challenge name; only the end differs (the signed-in
 * user instead of tokens). A session belongs to the side that opened it: the API never answers a hosted one, and back.
 */
@ApplicationScoped
public class AuthenticationService {

    static final Set<String> AUTH_FLOWS = Set.of("USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH",
            "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "USER_AUTH");

    private final List<AuthFlowHandler> flows;
    private final List<ChallengeHandler> challenges;
    private final ClientAuthenticator clients;
    private final AuthSessionStore sessions;
    private final RefreshTokenAuthFlow refreshFlow;
    private final UserPasswordAuthFlow passwordFlow;
    private final UserAuthFlow userAuthFlow;

    public AuthenticationService(@All List<AuthFlowHandler> flows, @All List<ChallengeHandler> challenges, ClientAuthenticator clients,
                                 AuthSessionStore sessions, RefreshTokenAuthFlow refreshFlow, UserPasswordAuthFlow passwordFlow,
                                 UserAuthFlow userAuthFlow) {
        this.userAuthFlow = userAuthFlow;
        this.refreshFlow = refreshFlow;
        this.passwordFlow = passwordFlow;
        this.flows = flows;
        this.challenges = challenges;
        this.clients = clients;
        this.sessions = sessions;
    }

    /** @param userPoolId the pool of AdminInitiateAuth, {@code null} for InitiateAuth */
    public Uni<AuthResponse> initiateAuth(String userPoolId, String clientId, String authFlow, Map<String, String> parameters, boolean admin,
                                         String sourceIp) {
        return initiateAuth(userPoolId, clientId, authFlow, parameters, admin, sourceIp, null);
    }

    /** As above, with the request's {@code ClientMetadata} for PreAuthentication and UserMigration. */
    public Uni<AuthResponse> initiateAuth(String userPoolId, String clientId, String authFlow, Map<String, String> parameters, boolean admin,
                                         String sourceIp, Map<String, String> clientMetadata) {
        if (!AUTH_FLOWS.contains(authFlow)) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + authFlow
                    + "' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: " + AUTH_FLOWS);
        }
        Optional<AuthFlowHandler> handler = flows.stream().filter(flow -> flow.flows().contains(authFlow)).findFirst();
        if (handler.isEmpty()) {
            throw CognitoException.invalidParameter(authFlow + " is not supported by Cognate yet.");
        }
        if (!handler.get().servedBy(admin)) {
            throw CognitoException.invalidParameter("Initiate Auth method not supported.");
        }
        return authenticate(userPoolId, clientId, handler.get(), parameters)
                .chain(authenticated -> {
                    if (!allows(authenticated.client(), handler.get())) {
                        throw CognitoException.invalidParameter(authFlow + " flow not enabled for this client");
                    }
                    return handler.get().start(new AuthContext(authenticated.pool(), authenticated.client(), admin, authFlow, parameters,
                            sourceIp, null, clientMetadata));
                });
    }

    /**
     * SECRET_HASH over USERNAME — except for the refresh flow, whose request carries no USERNAME: there Cognito computes
     * it over the refresh token's user ({@link RefreshTokenAuthFlow#secretHashUsernames}).
     */
    private Uni<ClientAuthenticator.AuthenticatedClient> authenticate(String userPoolId, String clientId, AuthFlowHandler handler,
                                                                      Map<String, String> parameters) {
        if (handler != refreshFlow) {
            return clients.authenticate(userPoolId, clientId, parameters.get("USERNAME"), parameters.get("SECRET_HASH"));
        }
        return clients.identify(userPoolId, clientId).call(identified -> clients.verifySecretHash(identified, () -> refreshFlow
                .secretHashUsernames(new AuthContext(identified.pool(), identified.client(), false, "REFRESH_TOKEN_AUTH", parameters, null)),
                parameters.get("SECRET_HASH")));
    }

    public Uni<AuthResponse> respondToAuthChallenge(String userPoolId, String clientId, String challengeName, String session,
                                                    Map<String, String> responses, boolean admin, String sourceIp) {
        return respondToAuthChallenge(userPoolId, clientId, challengeName, session, responses, admin, sourceIp, null);
    }

    /**
     * @param clientMetadata the request's {@code ClientMetadata} (null when absent): as Cognito, RespondToAuthChallenge
     *                       passes it to the triggers of the step (PreTokenGeneration), InitiateAuth does not
     */
    public Uni<AuthResponse> respondToAuthChallenge(String userPoolId, String clientId, String challengeName, String session,
                                                    Map<String, String> responses, boolean admin, String sourceIp,
                                                    Map<String, String> clientMetadata) {
        ChallengeHandler handler = challengeHandler(challengeName);
        return clients.authenticate(userPoolId, clientId, responses.get("USERNAME"), responses.get("SECRET_HASH"))
                .chain(authenticated -> respond(authenticated, handler, session, responses, admin, false, sourceIp, clientMetadata));
    }

    /**
     * The hosted login's sign-in form: username (or alias, or sub) and password, checked by USER_PASSWORD_AUTH's very
     * flow whatever the client's ExplicitAuthFlows (the pages are the client's OAuth sign-in, not its API use).
     */
    public Uni<AuthResponse> hostedSignIn(ClientAuthenticator.AuthenticatedClient client, String username, String password,
                                          String sourceIp) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("USERNAME", username);
        parameters.put("PASSWORD", password);
        return passwordFlow.start(new AuthContext(client.pool(), client.client(), false, AuthContext.HOSTED_LOGIN, parameters, sourceIp));
    }

    /**
     * The hosted login's password-less sign-in: USER_AUTH's very flow for the username with that PREFERRED_CHALLENGE
     * (WEB_AUTHN, EMAIL_OTP or SMS_OTP; the pool must allow it), whatever the client's ExplicitAuthFlows. A user who
     * cannot use the factor gets USER_AUTH's SELECT_CHALLENGE, as the API does.
     */
    public Uni<AuthResponse> hostedChoiceSignIn(ClientAuthenticator.AuthenticatedClient client, String username, String preferredChallenge,
                                                String sourceIp) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("USERNAME", username);
        parameters.put("PREFERRED_CHALLENGE", preferredChallenge);
        return userAuthFlow.start(new AuthContext(client.pool(), client.client(), false, AuthContext.HOSTED_LOGIN, parameters, sourceIp));
    }

    /** The hosted login's answer to the challenge a previous hosted step named (one page per challenge name). */
    public Uni<AuthResponse> hostedRespond(ClientAuthenticator.AuthenticatedClient client, String challengeName, String session,
                                           Map<String, String> responses, String sourceIp) {
        ChallengeHandler handler = challengeHandler(challengeName);
        return respond(client, handler, session, responses, false, true, sourceIp, null);
    }

    private ChallengeHandler challengeHandler(String challengeName) {
        return challenges.stream().filter(candidate -> candidate.challengeName().equals(challengeName)).findFirst()
                .orElseThrow(() -> CognitoException.invalidParameter(challengeName + " is not supported by Cognate yet."));
    }

    /**
     * The session must be this client's, for this challenge, and opened on the same side (hosted login or API); it is
     * used once, but stays for another try after a refusal that checked nothing against the user.
     */
    private Uni<AuthResponse> respond(ClientAuthenticator.AuthenticatedClient authenticated, ChallengeHandler handler, String session,
                                      Map<String, String> responses, boolean admin, boolean hosted, String sourceIp,
                                      Map<String, String> clientMetadata) {
        return sessions.take(session).chain(stored -> {
            AuthSession state = stored.session();
            if (!state.clientId().equals(authenticated.client().clientId()) || !state.userPoolId().equals(authenticated.pool().id())
                    || !state.challengeName().equals(handler.challengeName())
                    || AuthContext.HOSTED_LOGIN.equals(state.authFlow()) != hosted) {
                return Uni.createFrom().failure(AuthSessionStore.expired());
            }
            AuthContext context = new AuthContext(authenticated.pool(), authenticated.client(), admin, state.authFlow(), responses,
                    sourceIp, clientMetadata);
            return Uni.createFrom().deferred(() -> handler.respond(context, state))
                    .onFailure(AuthenticationService::refusedBeforeChecking)
                    .call(failure -> sessions.putBack(session, stored));
        });
    }

    /**
     * GetTokensFromRefreshToken: the client proves itself with its ClientSecret (when it has one), must allow refresh
     * like REFRESH_TOKEN_AUTH, and the token is redeemed by the same code as that flow (rotation and reuse detection).
     */
    public Uni<AuthResponse> getTokensFromRefreshToken(String refreshToken, String clientId, String clientSecret, String sourceIp) {
        return getTokensFromRefreshToken(refreshToken, clientId, clientSecret, sourceIp, null);
    }

    /** @param clientMetadata the request's {@code ClientMetadata} for the PreTokenGeneration trigger, or null */
    public Uni<AuthResponse> getTokensFromRefreshToken(String refreshToken, String clientId, String clientSecret, String sourceIp,
                                                       Map<String, String> clientMetadata) {
        return getTokensFromRefreshToken(refreshToken, clientId, clientSecret, sourceIp, clientMetadata, null);
    }

    /** @param deviceKey the request's {@code DeviceKey} (null when absent), checked like REFRESH_TOKEN_AUTH's DEVICE_KEY */
    public Uni<AuthResponse> getTokensFromRefreshToken(String refreshToken, String clientId, String clientSecret, String sourceIp,
                                                       Map<String, String> clientMetadata, String deviceKey) {
        Map<String, String> parameters = deviceKey == null ? Map.of() : Map.of("DEVICE_KEY", deviceKey);
        return clients.authenticateWithSecret(clientId, clientSecret).chain(authenticated -> {
            if (!allows(authenticated.client(), refreshFlow)) {
                throw CognitoException.invalidParameter("REFRESH_TOKEN_AUTH flow not enabled for this client");
            }
            return refreshFlow.refresh(new AuthContext(authenticated.pool(), authenticated.client(), false, "REFRESH_TOKEN_AUTH", parameters,
                    sourceIp, clientMetadata), refreshToken);
        });
    }

    /** A refusal that checked nothing against the user (bad input, a password the policy refuses): the session stays usable. */
    static boolean refusedBeforeChecking(Throwable failure) {
        return failure instanceof CognitoException error
                && ("InvalidParameterException".equals(error.type()) || "InvalidPasswordException".equals(error.type()));
    }

    /** ExplicitAuthFlows names the flow; a client with only legacy values (or none) also allows SRP and refresh. */
    static boolean allows(AppClient client, AuthFlowHandler handler) {
        List<String> explicit = client.config().explicitAuthFlows();
        if (handler.allowedBy().stream().anyMatch(explicit::contains)) {
            return true;
        }
        return handler.legacyAllowed() && explicit.stream().noneMatch(flow -> flow.startsWith("ALLOW_"));
    }
}
