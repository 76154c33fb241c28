package dev.cognate.hostedui.web;

import dev.cognate.hostedui.service.PendingChallenge;
import dev.cognate.hostedui.service.PendingChallenges;
import dev.cognate.internalapi.HostedLoginResponses.SignInStep;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * Where a sign-in goes after each step user-pool-service's engine answered (the sign-in form, then each challenge
 * page): signed in → the authorization response to the client; a challenge → the challenge waits in Redis and the
 * browser goes to that challenge's page. One page per challenge name ({@link #PAGES}); the pages hold no sign-in state
 * of their own, only the engine's opaque session.
 */
@ApplicationScoped
public class SignInSteps {

    /**
     * The page of each challenge the hosted login can answer; custom and passkey challenges add theirs here. EMAIL_OTP is
     * both the email MFA and USER_AUTH's email first factor (answered alike, EMAIL_OTP_CODE); SMS_OTP is USER_AUTH's
     * SMS first factor.
     */
    static final Map<String, String> PAGES = Map.of(NewPasswordPage.CHALLENGE, "/newPassword",
            "SOFTWARE_TOKEN_MFA", "/mfa", "SMS_MFA", "/mfa", "EMAIL_OTP", "/mfa", "SMS_OTP", "/mfa",
            SelectMfaTypePage.CHALLENGE, "/mfaType", MfaSetupPage.CHALLENGE, "/mfaSetup", PasskeySignInPage.CHALLENGE, "/passkey");

    private static final Logger LOG = Logger.getLogger(SignInSteps.class);

    private final AuthorizationFlow flow;
    private final PendingChallenges challenges;

    public SignInSteps(AuthorizationFlow flow, PendingChallenges challenges) {
        this.flow = flow;
        this.challenges = challenges;
    }

    /**
     * @param answeredChallengeId the cookie of the challenge this step answered (ended now), or {@code null} after the
     *                            sign-in form
     * @param sessionId           the browser's hosted-UI session cookie, replaced when the sign-in ends
     */
    public Uni<Response> next(AuthorizationFlow.Validated validated, SignInStep step, String answeredChallengeId, String sessionId) {
        var request = validated.request();
        if (step.completed()) {
            var user = step.signedIn();
            return challenges.end(answeredChallengeId)
                    .chain(() -> flow.completeSignIn(request, user.sub(), user.username(), user.authTime(), sessionId))
                    .map(response -> answeredChallengeId == null ? response
                            : Response.fromResponse(response).cookie(Cookies.cleared(PendingChallenges.COOKIE)).build());
        }
        Optional<String> page = Optional.ofNullable(step.challengeName()).map(PAGES::get);
        if (page.isEmpty()) {
            // The engine asked for a challenge this service has no page for yet: the sign-in cannot go on here.
            LOG.warnf("no hosted page for the challenge %s", step.challengeName());
            return Uni.createFrom().failure(new PageException(PageError.INTERNAL_ERROR));
        }
        return challenges.end(answeredChallengeId)
                .chain(() -> challenges.create(new PendingChallenge(request.clientId(), step.challengeName(), step.session(),
                        step.parameters())))
                .map(challengeId -> Response.status(Response.Status.SEE_OTHER)
                        .header("Location", request.pageUrl(page.get()))
                        .cookie(Cookies.of(PendingChallenges.COOKIE, challengeId, PendingChallenges.TTL))
                        .build());
    }
}
