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

    private final AuthorizationFlow flow;
    private final UserPoolAccounts accounts;
    private final PendingChallenges challenges;
    private final SignInSteps steps;
    private final PageForms forms;
    private final ChallengeOutcomes outcomes;

    public SelectMfaTypePage(AuthorizationFlow flow, UserPoolAccounts accounts, PendingChallenges challenges, SignInSteps steps,
                             PageForms forms, ChallengeOutcomes outcomes) {
        this.flow = flow;
        this.accounts = accounts;
        this.challenges = challenges;
        this.steps = steps;
        this.forms = forms;
        this.outcomes = outcomes;
    }

    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                              @CookieParam(PendingChallenges.COOKIE) String challengeId) {
        return flow.validate(uri.getQueryParameters()).chain(validated ->
                challenges.find(challengeId, validated.request().clientId()).map(challenge -> challenge
                        .filter(found -> found.is(CHALLENGE))
                        .map(found -> render(validated, found, headers, csrfCookie, 200, null, null))
                        .orElseGet(() -> ChallengeOutcomes.backToSignIn(validated))));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> choose(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @CookieParam(PendingChallenges.COOKIE) String challengeId,
                                @CookieParam(HostedSessions.COOKIE) String sessionId,
                                MultivaluedMap<String, String> form) {
        return flow.validate(uri.getQueryParameters()).chain(validated -> {
            CsrfTokens.verify(csrfCookie, form.getFirst(CsrfTokens.FIELD));
            return challenges.find(challengeId, validated.request().clientId()).chain(pending -> {
                var found = pending.filter(challenge -> challenge.is(CHALLENGE));
                if (found.isEmpty()) {
                    return Uni.createFrom().item(ChallengeOutcomes.backToSignIn(validated));
                }
                PendingChallenge challenge = found.get();
                PageMessages messages = forms.messages(validated, headers);
                String chosen = form.getFirst("mfaType");
                if (chosen == null || !offered(challenge).contains(chosen)) {
                    return Uni.createFrom().item(render(validated, challenge, headers, csrfCookie, 400, messages.missingMfaType(), null));
                }
                Map<String, String> responses = new LinkedHashMap<>();
                if (challenge.username() != null) {
                    responses.put("USERNAME", challenge.username());
                }
                responses.put("ANSWER", chosen);
                var request = validated.request();
                return accounts.call("respond-to-challenge", client -> client.respondToChallenge(request.clientId(),
                                new HostedLoginRequests.RespondToChallenge(CHALLENGE, challenge.session(), responses,
                                        PageRequests.ipAddress(http))))
                        .chain(step -> steps.next(validated, step, challengeId, sessionId))
                        .onFailure(CognitoErrorException.class).recoverWithUni(failure -> {
                            CognitoErrorException refused = (CognitoErrorException) failure;
                            return ChallengeOutcomes.sessionKept(refused)
                                    ? Uni.createFrom().item(render(validated, challenge, headers, csrfCookie, 400,
                                            PageText.describe(refused, messages), chosen))
                                    : outcomes.restart(validated, challengeId, refused);
                        });
            });
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
