package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.PendingChallenge;
import dev.cognate.hostedui.service.PendingChallenges;
import dev.cognate.hostedui.service.UserPoolAccounts;
import dev.cognate.internalapi.HostedLoginRequests;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET/POST /mfaSetup}: the view of the engine's {@code MFA_SETUP} challenge, for the methods of its
 * {@code MFAS_CAN_SETUP} parameter this page can set up — an authenticator app ({@code SOFTWARE_TOKEN_MFA}) and email
 * ({@code EMAIL_OTP}); with both, the user chooses first ({@code ?method=} then names the choice).
 *
 * <p>Authenticator app, Cognito's API sequence with the challenge's session: showing the page calls
 * AssociateSoftwareToken (a new secret each time, as Cognito's; the pending challenge keeps the session it answers), and
 * shows the secret as a QR code and as text; the posted first code goes to VerifySoftwareToken (with the optional
 * device name as {@code FriendlyDeviceName}) and the session it answers to RespondToAuthChallenge {@code MFA_SETUP}. A
 * mistyped code keeps the step (the engine keeps the session): the same secret is shown again with the error. The
 * secret is never stored here: the form carries it back only to draw the same QR code again, and what the engine
 * verifies against is its own sealed copy.
 *
 * <p>Email: the address is answered as MFA_SETUP's {@code EMAIL} ChallengeResponse; the engine then sends a code and
 * asks for it ({@code EMAIL_OTP}, {@link MfaCodePage}).
 */
@Path("/mfaSetup")
public class MfaSetupPage {

    static final String CHALLENGE = "MFA_SETUP";
    static final String AUTHENTICATOR = "SOFTWARE_TOKEN_MFA";
    static final String EMAIL = "EMAIL_OTP";
    private static final List<String> SUPPORTED = List.of(AUTHENTICATOR, EMAIL);
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final ChallengePages pages;
    private final UserPoolAccounts accounts;
    private final PendingChallenges challenges;
    private final PageForms forms;
    private final ChallengeOutcomes outcomes;

    public MfaSetupPage(ChallengePages pages, UserPoolAccounts accounts, PendingChallenges challenges, PageForms forms,
                        ChallengeOutcomes outcomes) {
        this.pages = pages;
        this.accounts = accounts;
        this.challenges = challenges;
        this.forms = forms;
        this.outcomes = outcomes;
    }

    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                              @CookieParam(PendingChallenges.COOKIE) String challengeId) {
        String requested = uri.getQueryParameters().getFirst("method");
        return pages.show(uri, challengeId, challenge -> challenge.is(CHALLENGE), (validated, challenge) -> {
            List<String> methods = methods(challenge);
            if (methods.isEmpty()) {
                // e.g. SMS only, for a user without a phone number: Cognito's answer is an administrator's help
                return outcomes.restart(validated, challengeId, PageNotices.MFA_SETUP_UNAVAILABLE);
            }
            String method = methods.contains(requested) ? requested : methods.size() == 1 ? methods.get(0) : null;
            if (method == null) {
                return ChallengePages.now(renderChoice(validated, headers, csrfCookie, 200, null, methods, null));
            }
            if (EMAIL.equals(method)) {
                return ChallengePages.now(renderEmail(validated, headers, csrfCookie, 200, null, null));
            }
            return associate(validated, headers, csrfCookie, challengeId, challenge);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> answer(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @CookieParam(PendingChallenges.COOKIE) String challengeId,
                                @CookieParam(HostedSessions.COOKIE) String sessionId,
                                MultivaluedMap<String, String> form) {
        return pages.answer(uri, http, csrfCookie, form.getFirst(CsrfTokens.FIELD), challengeId, sessionId,
                challenge -> challenge.is(CHALLENGE), answering -> {
                    var validated = answering.validated();
                    List<String> methods = methods(answering.challenge());
                    String step = form.getFirst("step");
                    if ("choose".equals(step)) {
                        String chosen = form.getFirst("mfaType");
                        return ChallengePages.now(methods.contains(chosen)
                                ? AuthorizationFlow.seeOther(validated.request().pageUrl("/mfaSetup", Map.of("method", chosen)))
                                : renderChoice(validated, headers, csrfCookie, 400, forms.messages(validated, headers).missingMfaType(),
                                        methods, null));
                    }
                    if (AUTHENTICATOR.equals(step) && methods.contains(AUTHENTICATOR)) {
                        return verify(answering, headers, csrfCookie, form);
                    }
                    if (EMAIL.equals(step) && methods.contains(EMAIL)) {
                        return setUpEmail(answering, headers, csrfCookie, form);
                    }
                    return ChallengePages.now(AuthorizationFlow.seeOther(validated.request().pageUrl("/mfaSetup")));
                });
    }

    /** The methods of the challenge's {@code MFAS_CAN_SETUP} that this page can set up. */
    private static List<String> methods(PendingChallenge challenge) {
        return challenge.nameList("MFAS_CAN_SETUP").stream().filter(SUPPORTED::contains).toList();
    }

    /** AssociateSoftwareToken with the challenge's session; the pending challenge then holds the session it answered. */
    private Uni<Response> associate(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, String challengeId,
                                    PendingChallenge challenge) {
        String clientId = validated.request().clientId();
        return accounts.call("associate-software-token", client -> client.associateSoftwareToken(clientId,
                        new HostedLoginRequests.AssociateSoftwareToken(challenge.session())))
                .call(associated -> challenges.replace(challengeId, challenge.withSession(associated.session())))
                .map(associated -> renderAuthenticator(validated, headers, csrfCookie, 200, null,
                        enrolment(validated, challenge, associated.secretCode()), null))
                .onFailure(CognitoErrorException.class).recoverWithUni(failure ->
                        outcomes.restart(validated, challengeId, (CognitoErrorException) failure));
    }

    /** The first code → VerifySoftwareToken → MFA_SETUP with the session it answered → the engine's next step. */
    private Uni<Response> verify(ChallengePages.Answering answering, HttpHeaders headers, String csrfCookie,
                                 MultivaluedMap<String, String> form) {
        var validated = answering.validated();
        PendingChallenge challenge = answering.challenge();
        String secret = form.getFirst("secret");
        if (!AuthenticatorEnrolment.isSecret(secret)) {
            // not the form this page wrote: start the set-up over with a new secret
            return Uni.createFrom().item(AuthorizationFlow.seeOther(validated.request().pageUrl("/mfaSetup", Map.of("method", AUTHENTICATOR))));
        }
        AuthenticatorEnrolment enrolment = enrolment(validated, challenge, secret);
        String deviceName = PageRequests.trimmed(form.getFirst("deviceName"));
        if (deviceName != null && deviceName.length() > 64) {
            deviceName = deviceName.substring(0, 64);
        }
        String typedDeviceName = deviceName;
        PageMessages messages = forms.messages(validated, headers);
        String code = PageRequests.trimmed(form.getFirst("code"));
        if (code == null || !SIX_DIGITS.matcher(code).matches()) {
            return Uni.createFrom().item(renderAuthenticator(validated, headers, csrfCookie, 400, messages.missingSetupCode(), enrolment,
                    typedDeviceName));
        }
        String clientId = validated.request().clientId();
        return accounts.call("verify-software-token", client -> client.verifySoftwareToken(clientId,
                        new HostedLoginRequests.VerifySoftwareToken(challenge.session(), code, typedDeviceName)))
                .onItemOrFailure().transformToUni((verified, failure) -> {
                    if (failure == null) {
                        // MFA_SETUP with the session VerifySoftwareToken answered; any refusal now ends the sign-in
                        return pages.respond(answering.withSession(verified.session()), Map.of(), null);
                    }
                    if (!(failure instanceof CognitoErrorException refused)) {
                        return Uni.createFrom().failure(failure);
                    }
                    if (!ChallengeOutcomes.sessionKept(refused)) {
                        return outcomes.restart(validated, answering.challengeId(), refused);
                    }
                    // a mistyped code: the engine kept the session, the same secret is shown again
                    String error = "EnableSoftwareTokenMFAException".equals(refused.type()) ? messages.setupCodeMismatch()
                            : PageText.describe(refused, messages);
                    return Uni.createFrom().item(renderAuthenticator(validated, headers, csrfCookie, 400, error, enrolment, typedDeviceName));
                });
    }

    /** The email address → MFA_SETUP with {@code EMAIL} → the engine's next step (its EMAIL_OTP code). */
    private Uni<Response> setUpEmail(ChallengePages.Answering answering, HttpHeaders headers, String csrfCookie,
                                     MultivaluedMap<String, String> form) {
        var validated = answering.validated();
        String email = PageRequests.trimmed(form.getFirst("email"));
        PageMessages messages = forms.messages(validated, headers);
        if (email == null || email.length() > 2048 || !EMAIL_ADDRESS.matcher(email).matches()) {
            return Uni.createFrom().item(renderEmail(validated, headers, csrfCookie, 400, messages.missingEmail(), email));
        }
        return pages.respond(answering, Map.of("EMAIL", email),
                refused -> renderEmail(validated, headers, csrfCookie, 400, PageText.describe(refused, messages), email));
    }

    private AuthenticatorEnrolment enrolment(AuthorizationFlow.Validated validated, PendingChallenge challenge, String secret) {
        var client = validated.client();
        String issuer = client.poolName() != null ? client.poolName() : client.clientName() != null ? client.clientName() : "Cognate";
        String account = challenge.username() != null ? challenge.username() : "user";
        return AuthenticatorEnrolment.of(issuer, account, secret);
    }

    private Response renderChoice(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, int status, String error,
                                  List<String> methods, String chosen) {
        List<MfaOption> options = MfaOption.of(methods, chosen, forms.messages(validated, headers));
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.mfaSetup(lang,
                MfaSetupView.choice(validated.request().pageUrl("/mfaSetup"), csrf, error, options)));
    }

    private Response renderAuthenticator(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, int status,
                                         String error, AuthenticatorEnrolment enrolment, String deviceName) {
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.mfaSetup(lang,
                MfaSetupView.authenticator(validated.request().pageUrl("/mfaSetup", Map.of("method", AUTHENTICATOR)), csrf, error,
                        enrolment, deviceName)));
    }

    private Response renderEmail(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, int status, String error,
                                 String typedEmail) {
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.mfaSetup(lang,
                MfaSetupView.emailAddress(validated.request().pageUrl("/mfaSetup", Map.of("method", EMAIL)), csrf, error, typedEmail)));
    }
}
