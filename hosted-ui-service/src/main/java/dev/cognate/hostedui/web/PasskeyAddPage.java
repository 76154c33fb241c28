package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.oauth.AuthorizationRequest;
import dev.cognate.hostedui.service.HostedSession;
import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.UserPoolAccounts;
import dev.cognate.internalapi.AppClientConfig;
import dev.cognate.internalapi.HostedLoginRequests;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET/POST /passkeys/add?client_id=…&redirect_uri=…}: managed login's page where a signed-in user adds a passkey.
 * It needs the browser's hosted SSO session of the client's pool (none → the sign-in page). The {@code redirect_uri} is
 * optional; when given it must be one of the client's callback URLs (the error page otherwise: never an open redirect).
 * GET asks user-pool-service for the creation options of the session's user (StartWebAuthnRegistration's rules: passkeys
 * on in the pool, at most 20 a user) and shows a "Create a passkey" button; {@code /static/passkey.js} runs
 * {@code navigator.credentials.create} and posts the RegistrationResponseJSON in the form's {@code credential} field.
 * POST (CSRF-checked) completes the registration, then sends the browser to {@code redirect_uri} (303), or shows
 * "Passkey added" when there is none. A refused passkey (cancelled, another site's, already registered, limit) is shown
 * on the page with fresh options (a registration challenge is used once), never a 500.
 */
@Path("/passkeys/add")
public class PasskeyAddPage {

    private static final String PATH = "/passkeys/add";

    private final AuthorizationFlow flow;
    private final HostedSessions sessions;
    private final UserPoolAccounts accounts;
    private final PageForms forms;

    public PasskeyAddPage(AuthorizationFlow flow, HostedSessions sessions, UserPoolAccounts accounts, PageForms forms) {
        this.flow = flow;
        this.sessions = sessions;
        this.accounts = accounts;
        this.forms = forms;
    }

    /** The page's client and parameters, checked. */
    private record Target(AuthorizationFlow.Validated page, String redirectUri) {

        String clientId() {
            return page.client().clientId();
        }

        String url(String path) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("client_id", clientId());
            parameters.put("redirect_uri", redirectUri);
            parameters.put("lang", page.request().lang());
            return path + "?" + AuthorizationRequest.query(parameters);
        }
    }

    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                              @CookieParam(HostedSessions.COOKIE) String sessionId) {
        return target(uri.getQueryParameters()).chain(target -> signedIn(target, sessionId).chain(session -> session
                .map(user -> start(target, user, headers, csrfCookie, 200, null))
                .orElseGet(() -> Uni.createFrom().item(toSignIn(target)))));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> complete(@Context UriInfo uri, @Context HttpHeaders headers,
                                  @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                  @CookieParam(HostedSessions.COOKIE) String sessionId,
                                  @FormParam(CsrfTokens.FIELD) String csrf,
                                  @FormParam("credential") String credential) {
        return target(uri.getQueryParameters()).chain(target -> {
            CsrfTokens.verify(csrfCookie, csrf);
            return signedIn(target, sessionId).chain(session -> {
                if (session.isEmpty()) {
                    return Uni.createFrom().item(toSignIn(target));
                }
                HostedSession user = session.get();
                PageMessages messages = forms.messages(target.page(), headers);
                if (credential == null || credential.isBlank()) {
                    return start(target, user, headers, csrfCookie, 400, messages.passkeyAddCancelled());
                }
                return accounts.call("complete-passkey-registration", client -> client.completePasskeyRegistration(target.clientId(),
                                new HostedLoginRequests.PasskeyRegistrationComplete(user.sub(), credential)))
                        .map(stored -> added(target, headers, csrfCookie))
                        .onFailure(CognitoErrorException.class).recoverWithUni(failure ->
                                start(target, user, headers, csrfCookie, 400, describe((CognitoErrorException) failure, messages)));
            });
        });
    }

    /**
     * {@code client_id} (one, known) and {@code redirect_uri} (at most one, a callback URL of the client); {@code lang}
     * picks the page's language as on the other pages.
     */
    private Uni<Target> target(Map<String, List<String>> parameters) {
        List<String> clientIds = parameters.getOrDefault("client_id", List.of());
        List<String> redirectUris = parameters.getOrDefault("redirect_uri", List.of());
        List<String> langs = parameters.getOrDefault("lang", List.of());
        if (clientIds.size() > 1 || redirectUris.size() > 1 || langs.size() > 1) {
            return Uni.createFrom().failure(new PageException(PageError.BAD_REQUEST));
        }
        String redirectUri = redirectUris.isEmpty() || redirectUris.get(0).isEmpty() ? null : redirectUris.get(0);
        String lang = langs.isEmpty() ? null : langs.get(0);
        return flow.client(clientIds.isEmpty() ? null : clientIds.get(0)).map(client -> {
            if (redirectUri != null && !client.allowsRedirectUri(redirectUri)) {
                throw new PageException(PageError.REDIRECT_MISMATCH);
            }
            return new Target(new AuthorizationFlow.Validated(client, pageRequest(client, redirectUri, lang)), redirectUri);
        });
    }

    /** The request the shared page machinery reads (language, branding); this page starts no authorization. */
    private static AuthorizationRequest pageRequest(AppClientConfig client, String redirectUri, String lang) {
        return new AuthorizationRequest(client.clientId(), client.userPoolId(), redirectUri, AuthorizationRequest.CODE, null, null,
                List.of(), null, null, null, null, null, null, lang, null);
    }

    /** The browser's hosted session, when it is one of this client's pool. */
    private Uni<Optional<HostedSession>> signedIn(Target target, String sessionId) {
        return sessions.find(sessionId).map(session -> session.filter(found -> found.poolId().equals(target.page().client().userPoolId())));
    }

    /**
     * Not signed in: the sign-in page of this client, for {@code redirect_uri} (or the client's first callback URL), as
     * managed login does; the user opens this page again once signed in.
     */
    private static Response toSignIn(Target target) {
        AppClientConfig client = target.page().client();
        String redirectUri = target.redirectUri() != null ? target.redirectUri()
                : client.callbackUrls().isEmpty() ? null : client.callbackUrls().get(0);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", client.clientId());
        parameters.put("response_type", AuthorizationRequest.CODE);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("lang", target.page().request().lang());
        return AuthorizationFlow.seeOther("/login?" + AuthorizationRequest.query(parameters));
    }

    /** New creation options for the user and the page; when none can be had, the page with the reason and no button. */
    private Uni<Response> start(Target target, HostedSession user, HttpHeaders headers, String csrfCookie, int status, String error) {
        PageMessages messages = forms.messages(target.page(), headers);
        return accounts.call("start-passkey-registration", client -> client.startPasskeyRegistration(target.clientId(),
                        new HostedLoginRequests.PasskeyRegistrationStart(user.sub())))
                .map(options -> render(target, headers, csrfCookie, status, error, options.options()))
                .onFailure(CognitoErrorException.class).recoverWithItem(failure ->
                        render(target, headers, csrfCookie, 400, describe((CognitoErrorException) failure, messages), null));
    }

    private Response render(Target target, HttpHeaders headers, String csrfCookie, int status, String error, String options) {
        return forms.render(target.page(), headers, csrfCookie, status, (lang, csrf) -> Templates.passkeyAdd(lang,
                new PasskeyAddView(target.url(PATH), csrf, error, options)));
    }

    private Response added(Target target, HttpHeaders headers, String csrfCookie) {
        if (target.redirectUri() != null) {
            return AuthorizationFlow.seeOther(target.redirectUri());
        }
        PageMessages messages = forms.messages(target.page(), headers);
        return forms.render(target.page(), headers, csrfCookie, 200, (lang, csrf) -> Templates.message(lang,
                messages.passkeyAddedHeading(), messages.passkeyAdded(), false));
    }

    /** user-pool-service's refusal in the user's words (the errors of Start/CompleteWebAuthnRegistration). */
    static String describe(CognitoErrorException refused, PageMessages messages) {
        return switch (refused.type()) {
            case "WebAuthnOriginNotAllowedException", "WebAuthnRelyingPartyMismatchException" -> messages.passkeyWrongSite();
            case "WebAuthnNotEnabledException", "WebAuthnConfigurationMissingException", "WebAuthnClientMismatchException" ->
                    messages.passkeysUnavailable();
            case "WebAuthnChallengeNotFoundException" -> messages.passkeyRequestExpired();
            case "LimitExceededException" -> messages.passkeyLimit();
            case "InvalidParameterException" -> refused.getMessage().startsWith("This passkey is already registered")
                    ? messages.passkeyDuplicate() : messages.passkeyInvalid();
            default -> PageText.describe(refused, messages);
        };
    }
}
