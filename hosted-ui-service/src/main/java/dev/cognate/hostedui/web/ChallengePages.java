package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.service.PendingChallenge;
import dev.cognate.hostedui.service.PendingChallenges;
import dev.cognate.hostedui.service.UserPoolAccounts;
import dev.cognate.internalapi.HostedLoginRequests;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every challenge page (a view of one or more of the engine's challenges: {@link MfaCodePage},
 * {@link SelectMfaTypePage}, {@link MfaSetupPage}, {@link PasskeySignInPage}, {@link NewPasswordPage}) does around its
 * own form: the authorization request validated; the pending challenge found in Redis ({@link PendingChallenges}, this
 * client's and one the page answers) or else the user sent back to the sign-in form; on a post the CSRF token checked
 * first; the answer passed to the engine as RespondToAuthChallenge's ChallengeResponses (with {@code USERNAME}), then
 * the engine's next step ({@link SignInSteps}); a refusal shown on the page when the engine kept the session, the sign-in
 * restarted otherwise ({@link ChallengeOutcomes}).
 */
@ApplicationScoped
public class ChallengePages {

    /** A post to a challenge page whose pending challenge was found: what answering it takes. */
    record Answering(AuthorizationFlow.Validated validated, PendingChallenge challenge, String challengeId, String sessionId,
                     String ipAddress) {

        /** The same answer with another session of the engine (one that AssociateSoftwareToken or VerifySoftwareToken gave). */
        Answering withSession(String session) {
            return new Answering(validated, challenge.withSession(session), challengeId, sessionId, ipAddress);
        }
    }

    private final AuthorizationFlow flow;
    private final UserPoolAccounts accounts;
    private final PendingChallenges challenges;
    private final SignInSteps steps;
    private final ChallengeOutcomes outcomes;

    public ChallengePages(AuthorizationFlow flow, UserPoolAccounts accounts, PendingChallenges challenges, SignInSteps steps,
                          ChallengeOutcomes outcomes) {
        this.flow = flow;
        this.accounts = accounts;
        this.challenges = challenges;
        this.steps = steps;
        this.outcomes = outcomes;
    }

    /**
     * A GET of a challenge page: {@code page} shows the pending challenge that {@code answers} accepts; without one the
     * user goes back to the sign-in form.
     */
    Uni<Response> show(UriInfo uri, String challengeId, Predicate<PendingChallenge> answers,
                       BiFunction<AuthorizationFlow.Validated, PendingChallenge, Uni<Response>> page) {
        return flow.validate(uri.getQueryParameters()).chain(validated -> challenges.find(challengeId, validated.request().clientId())
                .chain(found -> found.filter(answers)
                        .map(challenge -> page.apply(validated, challenge))
                        .orElseGet(() -> now(ChallengeOutcomes.backToSignIn(validated)))));
    }

    /**
     * A POST to a challenge page: the CSRF token ({@code csrf}, the form's, against the cookie's) checked, then
     * {@code page} answers the pending challenge that {@code answers} accepts; without one the user goes back to the
     * sign-in form.
     */
    Uni<Response> answer(UriInfo uri, HttpServerRequest http, String csrfCookie, String csrf, String challengeId, String sessionId,
                         Predicate<PendingChallenge> answers, Function<Answering, Uni<Response>> page) {
        return flow.validate(uri.getQueryParameters()).chain(validated -> {
            CsrfTokens.verify(csrfCookie, csrf);
            return challenges.find(challengeId, validated.request().clientId()).chain(found -> found.filter(answers)
                    .map(challenge -> page.apply(new Answering(validated, challenge, challengeId, sessionId, PageRequests.ipAddress(http))))
                    .orElseGet(() -> now(ChallengeOutcomes.backToSignIn(validated))));
        });
    }

    /**
     * RespondToAuthChallenge with the challenge's name and session and {@code responses} (after {@code USERNAME}, when
     * the challenge names the user), then the engine's next step. A refusal fails the {@link Uni} with
     * {@link CognitoErrorException}: the page decides what it shows.
     */
    Uni<Response> respond(Answering answering, Map<String, String> responses) {
        PendingChallenge challenge = answering.challenge();
        Map<String, String> all = new LinkedHashMap<>();
        if (challenge.username() != null) {
            all.put("USERNAME", challenge.username());
        }
        all.putAll(responses);
        var validated = answering.validated();
        return accounts.call("respond-to-challenge", client -> client.respondToChallenge(validated.request().clientId(),
                        new HostedLoginRequests.RespondToChallenge(challenge.challengeName(), challenge.session(), all, answering.ipAddress())))
                .chain(step -> steps.next(validated, step, answering.challengeId(), answering.sessionId()));
    }

    /**
     * As {@link #respond(Answering, Map)}; a refusal that kept the engine's session is shown by {@code keptStep} (the
     * page again, with the error), any other ends the sign-in. A null {@code keptStep} ends it on every refusal.
     */
    Uni<Response> respond(Answering answering, Map<String, String> responses, Function<CognitoErrorException, Response> keptStep) {
        return respond(answering, responses).onFailure(CognitoErrorException.class).recoverWithUni(failure -> {
            CognitoErrorException refused = (CognitoErrorException) failure;
            return keptStep != null && ChallengeOutcomes.sessionKept(refused)
                    ? now(keptStep.apply(refused))
                    : outcomes.restart(answering.validated(), answering.challengeId(), refused);
        });
    }

    static Uni<Response> now(Response response) {
        return Uni.createFrom().item(response);
    }
}
