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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET/POST /mfa}: the code of the user's authenticator app, the view of the SOFTWARE_TOKEN_MFA challenge. The
 * challenge waits in Redis ({@link PendingChallenges}); without it the user is sent back to the sign-in form. The code
 * goes to the engine as RespondToAuthChallenge's SOFTWARE_TOKEN_MFA_CODE. The engine's session is single use: a refused
 * code (wrong, replayed, or the user locked) ends the sign-in, and the user signs in again, told why.
 */
@Path("/mfa")
public class MfaCodePage {

    static final String CHALLENGE = "SOFTWARE_TOKEN_MFA";

    private final AuthorizationFlow flow;
    private final UserPoolAccounts accounts;
    private final PendingChallenges challenges;
    private final SignInSteps steps;
    private final PageForms forms;

    public MfaCodePage(AuthorizationFlow flow, UserPoolAccounts accounts, PendingChallenges challenges, SignInSteps steps, PageForms forms) {
        this.flow = flow;
        this.accounts = accounts;
        this.challenges = challenges;
        this.steps = steps;
        this.forms = forms;
    }

    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                              @CookieParam(PendingChallenges.COOKIE) String challengeId) {
        return flow.validate(uri.getQueryParameters()).chain(validated ->
                challenges.find(challengeId, validated.request().clientId()).map(challenge -> challenge
                        .filter(found -> found.is(CHALLENGE))
                        .map(found -> render(validated, headers, csrfCookie, 200, null))
                        .orElseGet(() -> backToSignIn(validated, null))));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> answer(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @CookieParam(PendingChallenges.COOKIE) String challengeId,
                                @CookieParam(HostedSessions.COOKIE) String sessionId,
                                MultivaluedMap<String, String> form) {
        return flow.validate(uri.getQueryParameters()).chain(validated -> {
            CsrfTokens.verify(csrfCookie, form.getFirst(CsrfTokens.FIELD));
            return challenges.find(challengeId, validated.request().clientId()).chain(pending -> {
                var found = pending.filter(challenge -> challenge.is(CHALLENGE));
                if (found.isEmpty()) {
                    return Uni.createFrom().item(backToSignIn(validated, null));
                }
                PendingChallenge challenge = found.get();
                String code = PageRequests.trimmed(form.getFirst("code"));
                if (code == null) {
                    return Uni.createFrom().item(render(validated, headers, csrfCookie, 400,
                            forms.messages(validated, headers).missingMfaCode()));
                }
                var request = validated.request();
                Map<String, String> responses = new LinkedHashMap<>();
                if (challenge.username() != null) {
                    responses.put("USERNAME", challenge.username());
                }
                responses.put("SOFTWARE_TOKEN_MFA_CODE", code);
                return accounts.call("respond-to-challenge", client -> client.respondToChallenge(request.clientId(),
                                new HostedLoginRequests.RespondToChallenge(CHALLENGE, challenge.session(), responses,
                                        PageRequests.ipAddress(http))))
                        .chain(step -> steps.next(validated, step, challengeId, sessionId))
                        .onFailure(CognitoErrorException.class).recoverWithUni(() -> challenges.end(challengeId)
                                .map(ignored -> Response.fromResponse(backToSignIn(validated, PageNotices.MFA_CODE_REFUSED))
                                        .cookie(Cookies.cleared(PendingChallenges.COOKIE)).build()));
            });
        });
    }

    private Response backToSignIn(AuthorizationFlow.Validated validated, String notice) {
        return AuthorizationFlow.seeOther(notice == null ? validated.request().pageUrl("/login")
                : validated.request().pageUrl("/login", Map.of("notice", notice)));
    }

    private Response render(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, int status, String error) {
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.mfaCode(lang,
                new MfaCodeView(validated.request().pageUrl("/mfa"), csrf, error)));
    }
}
