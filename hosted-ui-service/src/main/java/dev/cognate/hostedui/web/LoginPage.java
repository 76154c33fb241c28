package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.oauth.AuthorizationRequestValidator;
import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.UserPoolAccounts;
import dev.cognate.internalapi.AppClientConfig;
import dev.cognate.internalapi.HostedLoginRequests;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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

import java.util.List;
import java.util.Map;

/**
 * {@code GET/POST /login}: Cognito's sign-in page. It takes the same query as {@code /oauth2/authorize} (apps link to
 * {@code /login?client_id=..&response_type=code&redirect_uri=..} directly) and validates it the same way. The form
 * posts to the same URL; user-pool-service's sign-in engine checks the password (lockout, user-existence rules and auth
 * events as the API) and answers the signed-in user or a challenge, whose page comes next ({@link SignInSteps}). A refused sign-in shows the form again with Cognito's message and the typed username, never the password.
 *
 * <p>Where the pool's AllowedFirstAuthFactors allow it, the form also offers the password-less first factors
 * ({@link #PASSWORDLESS}: a passkey, a code by email, a code by SMS), each a submit button naming its factor: the engine
 * then runs USER_AUTH with that PREFERRED_CHALLENGE for the typed username, and its challenge's page follows as after a
 * password. A user who cannot use the factor (the engine's SELECT_CHALLENGE) sees the form again, told to sign in
 * another way.
 */
@Path("/login")
public class LoginPage {

    /** The form's password-less buttons, in this order: the factor (USER_AUTH's PREFERRED_CHALLENGE) each names. */
    static final List<String> PASSWORDLESS = HostedLoginRequests.ChoiceSignIn.FACTORS;
    /** USER_AUTH's answer when the user cannot use the preferred factor. */
    static final String SELECT_CHALLENGE = "SELECT_CHALLENGE";

    private final AuthorizationFlow flow;
    private final UserPoolAccounts accounts;
    private final SignInSteps steps;
    private final PageForms forms;
    private final HostedSessions sessions;

    public LoginPage(AuthorizationFlow flow, UserPoolAccounts accounts, SignInSteps steps,
                     PageForms forms, HostedSessions sessions) {
        this.flow = flow;
        this.accounts = accounts;
        this.steps = steps;
        this.forms = forms;
        this.sessions = sessions;
    }

    /**
     * The form; or, as Cognito's {@code /login}, straight back to the app with a code (or the implicit flow's tokens)
     * when the browser has a live session of the pool that the request's {@code prompt} and {@code max_age} accept.
     */
    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                              @CookieParam(HostedSessions.COOKIE) String sessionId) {
        return flow.validate(uri.getQueryParameters()).chain(validated -> sessions.find(sessionId).chain(session -> {
            if (session.isPresent() && flow.allowsSingleSignOn(session.get(), validated.request())) {
                return flow.issueFromSession(validated.request(), session.get(), sessionId);
            }
            var query = uri.getQueryParameters();
            String notice = PageNotices.text(query.getFirst("notice"), forms.messages(validated, headers));
            String username = query.getFirst("username") != null ? query.getFirst("username") : query.getFirst("login_hint");
            return Uni.createFrom().item(render(validated, headers, csrfCookie, 200, username, null, notice));
        }));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signIn(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @CookieParam(HostedSessions.COOKIE) String sessionId,
                                @FormParam(CsrfTokens.FIELD) String csrf,
                                @FormParam("username") String username,
                                @FormParam("password") String password,
                                @FormParam("factor") String factor,
                                @FormParam("corporate_id") String corporateId) {
        return flow.validate(uri.getQueryParameters()).chain(validated -> {
            CsrfTokens.verify(csrfCookie, csrf);
            var request = validated.request();
            if (corporateId != null) {
                return Uni.createFrom().item(routeToProvider(validated, headers, csrfCookie, PageRequests.trimmed(corporateId)));
            }
            if (!signsInWithUserPool(validated)) {
                return Uni.createFrom().item(render(validated, headers, csrfCookie, 400, null,
                        forms.messages(validated, headers).userPoolSignInUnavailable(), null));
            }
            String typed = PageRequests.trimmed(username);
            if (factor != null) {
                return signInWithoutPassword(validated, headers, http, csrfCookie, sessionId, typed, factor);
            }
            if (typed == null || password == null || password.isEmpty()) {
                return Uni.createFrom().item(render(validated, headers, csrfCookie, 400, typed,
                        forms.messages(validated, headers).missingCredentials(), null));
            }
            return accounts.call("sign-in", client -> client.signIn(request.clientId(),
                            new HostedLoginRequests.SignIn(typed, password, PageRequests.ipAddress(http))))
                    .chain(step -> steps.next(validated, step, null, sessionId))
                    .onFailure(CognitoErrorException.class).recoverWithItem(failure ->
                            refused(validated, headers, csrfCookie, typed, (CognitoErrorException) failure));
        });
    }

    private Uni<Response> signInWithoutPassword(AuthorizationFlow.Validated validated, HttpHeaders headers, HttpServerRequest http,
                                                String csrfCookie, String sessionId, String username, String factor) {
        PageMessages messages = forms.messages(validated, headers);
        if (!offered(validated).contains(factor)) {
            // a button this form did not show (the pool no longer allows the factor, or a forged post)
            return Uni.createFrom().item(render(validated, headers, csrfCookie, 400, username, messages.passwordlessUnavailable(), null));
        }
        if (username == null) {
            return Uni.createFrom().item(render(validated, headers, csrfCookie, 400, null, messages.missingUsername(), null));
        }
        var request = validated.request();
        return accounts.call("choice-sign-in", client -> client.choiceSignIn(request.clientId(),
                        new HostedLoginRequests.ChoiceSignIn(username, factor, PageRequests.ipAddress(http))))
                .chain(step -> SELECT_CHALLENGE.equals(step.challengeName())
                        ? Uni.createFrom().item(render(validated, headers, csrfCookie, 400, username, messages.passwordlessUnavailable(), null))
                        : steps.next(validated, step, null, sessionId))
                .onFailure(CognitoErrorException.class).recoverWithItem(failure ->
                        refused(validated, headers, csrfCookie, username, (CognitoErrorException) failure));
    }

    /** The password-less factors the pool allows and the hosted login has a challenge page for. */
    static List<String> offered(AuthorizationFlow.Validated validated) {
        return PASSWORDLESS.stream().filter(validated.client()::offersFirstFactor).filter(SignInSteps.PAGES::containsKey).toList();
    }

    /** Unconfirmed users go to the confirmation page, users who must reset their password to the reset page. */
    private Response refused(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie,
                             String username, CognitoErrorException error) {
        var request = validated.request();
        return switch (error.type()) {
            case "UserNotConfirmedException" ->
                    AuthorizationFlow.seeOther(request.pageUrl("/confirm", Map.of("username", username)));
            case "PasswordResetRequiredException" ->
                    AuthorizationFlow.seeOther(request.pageUrl("/forgotPassword", Map.of("username", username)));
            default -> render(validated, headers, csrfCookie, 400, username,
                    PageText.describe(error, forms.messages(validated, headers)), null);
        };
    }

    /**
     * The corporate ID form, as Cognito's email-domain routing: an email address is matched by its domain, anything else
     * as an identifier, against the providers' {@code IdpIdentifiers}; a match goes through {@code /oauth2/authorize}
     * naming the provider, anything else shows the form again.
     */
    private Response routeToProvider(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, String typed) {
        PageMessages messages = forms.messages(validated, headers);
        if (typed == null) {
            return render(validated, headers, csrfCookie, 400, null, null, null, typed, messages.corporateIdMissing());
        }
        String identifier = typed.contains("@") ? typed.substring(typed.lastIndexOf('@') + 1) : typed;
        return AuthorizationRequestValidator.providerOfIdentifier(validated.client(), identifier)
                .map(provider -> AuthorizationFlow.seeOther(providerUrl(validated, provider)))
                .orElseGet(() -> render(validated, headers, csrfCookie, 400, null, null, null, typed, messages.corporateIdUnknown()));
    }

    /** The client supports the user pool's own sign-in ({@code COGNITO} in SupportedIdentityProviders). */
    static boolean signsInWithUserPool(AuthorizationFlow.Validated validated) {
        return validated.client().supportedIdentityProviders().contains("COGNITO");
    }

    /** {@code /oauth2/authorize} for this request, naming {@code provider}: the browser goes straight there. */
    private static String providerUrl(AuthorizationFlow.Validated validated, String provider) {
        return validated.request().pageUrl("/oauth2/authorize", Map.of("identity_provider", provider));
    }

    /** Cognito's button text: "Continue with Google" and so on for the social providers, the name for OIDC and SAML. */
    private static String label(AppClientConfig.IdentityProviderSummary provider, PageMessages messages) {
        return switch (provider.providerType() == null ? "" : provider.providerType()) {
            case "Google" -> messages.continueWithGoogle();
            case "Facebook" -> messages.continueWithFacebook();
            case "LoginWithAmazon" -> messages.continueWithAmazon();
            case "SignInWithApple" -> messages.continueWithApple();
            default -> provider.providerName();
        };
    }

    private Response render(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, int status,
                            String username, String error, String notice) {
        return render(validated, headers, csrfCookie, status, username, error, notice, null, null);
    }

    private Response render(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, int status,
                            String username, String error, String notice, String corporateId, String corporateIdError) {
        var request = validated.request();
        var client = validated.client();
        PageMessages messages = forms.messages(validated, headers);
        List<LoginView.ProviderButton> providers = client.identityProviders().stream()
                .map(provider -> new LoginView.ProviderButton(label(provider, messages), providerUrl(validated, provider.providerName())))
                .toList();
        boolean corporateIdForm = client.identityProviders().stream().anyMatch(provider -> !provider.idpIdentifiers().isEmpty());
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.login(lang,
                new LoginView(request.pageUrl("/login"), csrf, username, client.signsInWithEmail(), error,
                        notice, request.pageUrl("/signup"), request.pageUrl("/forgotPassword"), offered(validated),
                        signsInWithUserPool(validated), providers, corporateIdForm, corporateId, corporateIdError)));
    }
}
