package dev.cognate.hostedui.web;

import dev.cognate.hostedui.service.HostedSessions;
import dev.cognate.hostedui.service.PendingChallenge;
import dev.cognate.hostedui.service.PendingChallenges;
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

/**
 * {@code GET/POST /mfaType}: the choice among the user's MFA methods, the view of the {@code SELECT_MFA_TYPE} challenge:
 * one radio button per method of its {@code MFAS_CAN_CHOOSE} parameter (a JSON list), answered as {@code ANSWER}. The
 * engine then asks the chosen method's code ({@link MfaCodePage}). Only a listed method is passed on.
 */
@Path("/mfaType")
public class SelectMfaTypePage {

    static final String CHALLENGE = "SELECT_MFA_TYPE";
    private static final String CHOICES = "MFAS_CAN_CHOOSE";

    private final ChallengePages pages;
    private final PageForms forms;

    public SelectMfaTypePage(ChallengePages pages, PageForms forms) {
        this.pages = pages;
        this.forms = forms;
    }

    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                              @CookieParam(PendingChallenges.COOKIE) String challengeId) {
        return pages.show(uri, challengeId, challenge -> challenge.is(CHALLENGE),
                (validated, challenge) -> ChallengePages.now(render(validated, challenge, headers, csrfCookie, 200, null, null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> choose(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @CookieParam(PendingChallenges.COOKIE) String challengeId,
                                @CookieParam(HostedSessions.COOKIE) String sessionId,
                                MultivaluedMap<String, String> form) {
        return pages.answer(uri, http, csrfCookie, form.getFirst(CsrfTokens.FIELD), challengeId, sessionId,
                challenge -> challenge.is(CHALLENGE), answering -> {
                    var validated = answering.validated();
                    PendingChallenge challenge = answering.challenge();
                    PageMessages messages = forms.messages(validated, headers);
                    String chosen = form.getFirst("mfaType");
                    if (chosen == null || !offered(challenge).contains(chosen)) {
                        return ChallengePages.now(render(validated, challenge, headers, csrfCookie, 400, messages.missingMfaType(), null));
                    }
                    return pages.respond(answering, Map.of("ANSWER", chosen),
                            refused -> render(validated, challenge, headers, csrfCookie, 400, PageText.describe(refused, messages), chosen));
                });
    }

    /** The methods the engine lets the user choose that this page can name. */
    private static List<String> offered(PendingChallenge challenge) {
        return challenge.nameList(CHOICES).stream().filter(MfaOption.KNOWN::contains).toList();
    }

    private Response render(AuthorizationFlow.Validated validated, PendingChallenge challenge, HttpHeaders headers, String csrfCookie,
                            int status, String error, String chosen) {
        List<MfaOption> options = MfaOption.of(offered(challenge), chosen, forms.messages(validated, headers));
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.selectMfaType(lang,
                new SelectMfaTypeView(validated.request().pageUrl("/mfaType"), csrf, error, options)));
    }
}
