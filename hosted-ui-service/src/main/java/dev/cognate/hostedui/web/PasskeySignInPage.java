package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.PendingChallenge;
import dev.cognate.hostedui.service.PendingChallenges;
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

import java.util.Map;

/**
 * {@code GET/POST /passkey}: the view of the engine's {@code WEB_AUTHN} challenge (USER_AUTH's passkey factor). The page
 * hands the challenge's {@code CREDENTIAL_REQUEST_OPTIONS} to {@code /static/passkey.js} (no inline script: the CSP
 * allows only this origin's files, {@link SecurityHeaders}), which runs {@code navigator.credentials.get} when the user
 * presses the button and posts the AuthenticationResponseJSON in the form's {@code credential} field; the page answers
 * it as {@code CREDENTIAL}. The engine checks the assertion against the pool's relying party, whose origins include the
 * hosted login's. A malformed credential keeps the engine's session (the page shows the error); a refused passkey ends
 * the sign-in and the user signs in again, told why ({@link ChallengeOutcomes}).
 */
@Path("/passkey")
public class PasskeySignInPage {

    static final String CHALLENGE = "WEB_AUTHN";
    /** The challenge parameter with the PublicKeyCredentialRequestOptionsJSON. */
    static final String OPTIONS = "CREDENTIAL_REQUEST_OPTIONS";

    private final ChallengePages pages;
    private final PageForms forms;
    private final ChallengeOutcomes outcomes;

    public PasskeySignInPage(ChallengePages pages, PageForms forms, ChallengeOutcomes outcomes) {
        this.pages = pages;
        this.forms = forms;
        this.outcomes = outcomes;
    }

    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                              @CookieParam(PendingChallenges.COOKIE) String challengeId) {
        return pages.show(uri, challengeId, challenge -> challenge.is(CHALLENGE),
                (validated, challenge) -> ChallengePages.now(render(validated, challenge, headers, csrfCookie, 200, null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> answer(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @CookieParam(PendingChallenges.COOKIE) String challengeId,
                                @CookieParam(HostedSessions.COOKIE) String sessionId,
                                @FormParam(CsrfTokens.FIELD) String csrf,
                                @FormParam("credential") String credential) {
        return pages.answer(uri, http, csrfCookie, csrf, challengeId, sessionId, challenge -> challenge.is(CHALLENGE), answering -> {
            var validated = answering.validated();
            PendingChallenge challenge = answering.challenge();
            PageMessages messages = forms.messages(validated, headers);
            if (credential == null || credential.isBlank()) {
                return ChallengePages.now(render(validated, challenge, headers, csrfCookie, 400, messages.passkeyCancelled()));
            }
            return pages.respond(answering, Map.of("CREDENTIAL", credential))
                    .onFailure(CognitoErrorException.class).recoverWithUni(failure -> {
                        CognitoErrorException refused = (CognitoErrorException) failure;
                        if (ChallengeOutcomes.sessionKept(refused)) {
                            return ChallengePages.now(render(validated, challenge, headers, csrfCookie, 400,
                                    PageText.describe(refused, messages)));
                        }
                        // unlike a code's, a refused passkey has its own notice
                        return refused.getMessage().startsWith("Invalid session")
                                ? outcomes.restart(validated, challengeId, refused)
                                : outcomes.restart(validated, challengeId, PageNotices.PASSKEY_REFUSED);
                    });
        });
    }

    private Response render(AuthorizationFlow.Validated validated, PendingChallenge challenge, HttpHeaders headers, String csrfCookie,
                            int status, String error) {
        var request = validated.request();
        String options = challenge.parameters().getOrDefault(OPTIONS, "{}");
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.passkey(lang,
                new PasskeyView(request.pageUrl("/passkey"), csrf, error, options, request.pageUrl("/login"))));
    }
}
