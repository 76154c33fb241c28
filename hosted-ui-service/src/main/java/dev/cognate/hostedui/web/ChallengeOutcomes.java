package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.service.PendingChallenges;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * How the challenge pages end a sign-in the engine will not continue: the pending challenge is dropped and the user
 * goes back to the sign-in form, told why ({@link PageNotices}). Which errors keep the step is the engine's rule
 * (AuthenticationService: a refusal that checked nothing against the user, {@code InvalidParameterException}, leaves the
 * session usable; so does a mistyped first code of a new authenticator); every other refusal has used the session up.
 */
@ApplicationScoped
public class ChallengeOutcomes {

    private final PendingChallenges challenges;

    public ChallengeOutcomes(PendingChallenges challenges) {
        this.challenges = challenges;
    }

    /** Whether the engine kept the session after this refusal, so the page can show the error and let the user retry. */
    static boolean sessionKept(CognitoErrorException refused) {
        return "InvalidParameterException".equals(refused.type()) || "EnableSoftwareTokenMFAException".equals(refused.type());
    }

    /** Back to the sign-in form without a challenge (none pending, expired, another browser's). */
    static Response backToSignIn(AuthorizationFlow.Validated validated) {
        return AuthorizationFlow.seeOther(validated.request().pageUrl("/login"));
    }

    /**
     * The sign-in is over: the challenge ends and the user signs in again, told that the sign-in expired (the engine no
     * longer knows the session: {@code NotAuthorizedException} "Invalid session …") or that the answer was refused.
     */
    Uni<Response> restart(AuthorizationFlow.Validated validated, String challengeId, CognitoErrorException refused) {
        return restart(validated, challengeId,
                refused.getMessage().startsWith("Invalid session") ? PageNotices.SIGN_IN_EXPIRED : PageNotices.MFA_CODE_REFUSED);
    }

    /** The sign-in is over: the challenge ends and the user signs in again, told {@code notice} ({@link PageNotices}). */
    Uni<Response> restart(AuthorizationFlow.Validated validated, String challengeId, String notice) {
        return challenges.end(challengeId).map(ignored -> Response.fromResponse(
                        AuthorizationFlow.seeOther(validated.request().pageUrl("/login", Map.of("notice", notice))))
                .cookie(Cookies.cleared(PendingChallenges.COOKIE)).build());
    }
}
