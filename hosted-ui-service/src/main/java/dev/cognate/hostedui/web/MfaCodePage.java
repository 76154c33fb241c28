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

import java.util.Map;

/**
 * {@code GET/POST /mfa}: a one-time code, the view of four challenges of the engine — the authenticator app's code
 * ({@code SOFTWARE_TOKEN_MFA}, answered as {@code SOFTWARE_TOKEN_MFA_CODE}), the code sent by SMS ({@code SMS_MFA},
 * {@code SMS_MFA_CODE}) and by email ({@code EMAIL_OTP}, {@code EMAIL_OTP_CODE}: the email MFA and USER_AUTH's email first
 * factor alike), and USER_AUTH's SMS first factor ({@code SMS_OTP}, {@code SMS_OTP_CODE}); for the sent codes
 * the page says where the code went (the masked {@code CODE_DELIVERY_DESTINATION}). The challenge waits in Redis
 * ({@link PendingChallenges}); without it the user is sent back to the sign-in form. A refused code (wrong, replayed, the
 * user locked) uses the engine's single-use session up: the user signs in again, told why ({@link ChallengeOutcomes}).
 */
@Path("/mfa")
public class MfaCodePage {

    /** Each challenge this page answers → the ChallengeResponses key of its code. */
    static final Map<String, String> ANSWERS = Map.of(
            "SOFTWARE_TOKEN_MFA", "SOFTWARE_TOKEN_MFA_CODE",
            "SMS_MFA", "SMS_MFA_CODE",
            "EMAIL_OTP", "EMAIL_OTP_CODE",
            "SMS_OTP", "SMS_OTP_CODE");

    private final ChallengePages pages;
    private final PageForms forms;

    public MfaCodePage(ChallengePages pages, PageForms forms) {
        this.pages = pages;
        this.forms = forms;
    }

    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                              @CookieParam(PendingChallenges.COOKIE) String challengeId) {
        return pages.show(uri, challengeId, MfaCodePage::answers,
                (validated, challenge) -> ChallengePages.now(render(validated, challenge, headers, csrfCookie, 200, null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> answer(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @CookieParam(PendingChallenges.COOKIE) String challengeId,
                                @CookieParam(HostedSessions.COOKIE) String sessionId,
                                MultivaluedMap<String, String> form) {
        return pages.answer(uri, http, csrfCookie, form.getFirst(CsrfTokens.FIELD), challengeId, sessionId, MfaCodePage::answers, answering -> {
            var validated = answering.validated();
            PendingChallenge challenge = answering.challenge();
            PageMessages messages = forms.messages(validated, headers);
            String code = PageRequests.trimmed(form.getFirst("code"));
            if (code == null) {
                return ChallengePages.now(render(validated, challenge, headers, csrfCookie, 400,
                        challenge.is("SOFTWARE_TOKEN_MFA") ? messages.missingMfaCode() : messages.missingSentCode()));
            }
            return pages.respond(answering, Map.of(ANSWERS.get(challenge.challengeName()), code),
                    refused -> render(validated, challenge, headers, csrfCookie, 400, PageText.describe(refused, messages)));
        });
    }

    private static boolean answers(PendingChallenge challenge) {
        return challenge.isOneOf(ANSWERS.keySet());
    }

    private Response render(AuthorizationFlow.Validated validated, PendingChallenge challenge, HttpHeaders headers, String csrfCookie,
                            int status, String error) {
        PageMessages messages = forms.messages(validated, headers);
        String destination = challenge.codeDeliveryDestination();
        String intro = switch (challenge.challengeName()) {
            case "SMS_MFA", "SMS_OTP" -> destination == null ? messages.mfaSmsIntroNoDestination() : messages.mfaSmsIntro(destination);
            case "EMAIL_OTP" -> destination == null ? messages.mfaEmailIntroNoDestination() : messages.mfaEmailIntro(destination);
            default -> messages.mfaIntro();
        };
        // TOTP codes have 6 digits; Cognito's SMS and email codes too, but a custom sender may send up to 8
        int maxLength = challenge.is("SOFTWARE_TOKEN_MFA") ? 6 : 8;
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.mfaCode(lang,
                new MfaCodeView(validated.request().pageUrl("/mfa"), csrf, error, intro, maxLength)));
    }
}
