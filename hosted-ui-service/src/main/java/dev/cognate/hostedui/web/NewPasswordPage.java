package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET/POST /newPassword}: Cognito's "Change Password" page, the view of the NEW_PASSWORD_REQUIRED challenge
 * (a user created by an administrator). The challenge waits in Redis ({@link PendingChallenges}); without it (expired,
 * another browser) the user is sent back to the sign-in form. The answer goes to the engine as RespondToAuthChallenge's
 * ChallengeResponses; what follows is the engine's next step ({@link SignInSteps}).
 */
@Path("/newPassword")
public class NewPasswordPage {

    static final String CHALLENGE = "NEW_PASSWORD_REQUIRED";

    private final ChallengePages pages;
    private final PageForms forms;

    public NewPasswordPage(ChallengePages pages, PageForms forms) {
        this.pages = pages;
        this.forms = forms;
    }

    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                              @CookieParam(PendingChallenges.COOKIE) String challengeId) {
        return pages.show(uri, challengeId, challenge -> challenge.is(CHALLENGE),
                (validated, challenge) -> ChallengePages.now(render(validated, challenge, headers, csrfCookie, 200, null, Map.of())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> change(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @CookieParam(PendingChallenges.COOKIE) String challengeId,
                                @CookieParam(HostedSessions.COOKIE) String sessionId,
                                MultivaluedMap<String, String> form) {
        return pages.answer(uri, http, csrfCookie, form.getFirst(CsrfTokens.FIELD), challengeId, sessionId,
                challenge -> challenge.is(CHALLENGE), answering -> {
                    var validated = answering.validated();
                    PendingChallenge challenge = answering.challenge();
                    Map<String, String> attributes = attributes(form, challenge.requiredAttributes());
                    PageMessages messages = forms.messages(validated, headers);
                    String newPassword = form.getFirst("newPassword");
                    if (newPassword == null || newPassword.isEmpty()) {
                        return ChallengePages.now(render(validated, challenge, headers, csrfCookie, 400,
                                messages.missingNewPassword(), attributes));
                    }
                    if (!newPassword.equals(form.getFirst("confirmPassword"))) {
                        return ChallengePages.now(render(validated, challenge, headers, csrfCookie, 400,
                                messages.passwordsDoNotMatch(), attributes));
                    }
                    // every refusal shows the page again: the user may try another password
                    return pages.respond(answering, responses(newPassword, attributes))
                            .onFailure(CognitoErrorException.class).recoverWithItem(failure -> render(validated, challenge,
                                    headers, csrfCookie, 400, PageText.describe((CognitoErrorException) failure, messages),
                                    attributes));
                });
    }

    /** NEW_PASSWORD_REQUIRED's ChallengeResponses (after USERNAME): NEW_PASSWORD and {@code userAttributes.<name>} of each one posted. */
    private static Map<String, String> responses(String newPassword, Map<String, String> attributes) {
        Map<String, String> responses = new LinkedHashMap<>();
        responses.put("NEW_PASSWORD", newPassword);
        attributes.forEach((name, value) -> responses.put("userAttributes." + name, value));
        return responses;
    }

    /** The posted values of the attributes the challenge asks for; nothing else is passed on. */
    private static Map<String, String> attributes(MultivaluedMap<String, String> form, List<String> required) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : required) {
            String value = PageRequests.trimmed(form.getFirst(AttributeInput.FIELD_PREFIX + name));
            if (value != null) {
                attributes.put(name, value);
            }
        }
        return attributes;
    }

    private Response render(AuthorizationFlow.Validated validated, PendingChallenge challenge, HttpHeaders headers,
                            String csrfCookie, int status, String error, Map<String, String> typed) {
        List<AttributeInput> inputs = challenge.requiredAttributes().stream()
                .map(name -> AttributeInput.of(name, typed.get(name))).toList();
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.newPassword(lang,
                new NewPasswordView(validated.request().pageUrl("/newPassword"), csrf, error, inputs)));
    }
}
