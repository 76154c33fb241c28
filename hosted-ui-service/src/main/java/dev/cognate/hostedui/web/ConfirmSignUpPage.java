package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.internalapi.HostedLoginRequests;
import dev.cognate.hostedui.service.UserPoolAccounts;
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

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Confirming a sign-up: {@code GET/POST /confirm} (the code form, as Cognito's hosted UI), {@code POST /resendcode}
 * (its "Resend code" button) and {@code GET /confirmUser} (the link Cognito's confirmation email carries:
 * {@code client_id}, {@code user_name}, {@code confirmation_code}). After confirmation the user signs in, with a notice.
 */
@Path("/")
public class ConfirmSignUpPage {

    private final AuthorizationFlow flow;
    private final UserPoolAccounts accounts;
    private final PageForms forms;
    private final AccountForms accountForms;
    private final PageLocales locales;

    public ConfirmSignUpPage(AuthorizationFlow flow, UserPoolAccounts accounts, PageForms forms, AccountForms accountForms,
                             PageLocales locales) {
        this.flow = flow;
        this.accounts = accounts;
        this.forms = forms;
        this.accountForms = accountForms;
        this.locales = locales;
    }

    @GET
    @Path("confirm")
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        return flow.validateForUserPool(uri.getQueryParameters()).map(validated -> {
            var query = uri.getQueryParameters();
            return render(validated, headers, csrfCookie, 200, query.getFirst("username"), null,
                    PageNotices.text(query.getFirst("notice"), forms.messages(validated, headers)));
        });
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> confirm(@Context UriInfo uri, @Context HttpHeaders headers,
                                 @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                 @FormParam(CsrfTokens.FIELD) String csrf,
                                 @FormParam("username") String username,
                                 @FormParam("code") String code) {
        return accountForms.post(uri, csrfCookie, csrf, validated -> {
            String typed = PageRequests.trimmed(username);
            String trimmedCode = PageRequests.trimmed(code);
            if (typed == null || trimmedCode == null) {
                return Uni.createFrom().item(render(validated, headers, csrfCookie, 400, typed,
                        forms.messages(validated, headers).missingCode(), null));
            }
            var request = validated.request();
            return accountForms.call(validated, headers, "confirm-sign-up", api -> api.confirmSignUp(request.clientId(),
                            new HostedLoginRequests.ConfirmSignUp(typed, trimmedCode)),
                    ignored -> AuthorizationFlow.seeOther(request.pageUrl("/login",
                            Map.of("username", typed, "notice", PageNotices.CONFIRMED))),
                    error -> render(validated, headers, csrfCookie, 400, typed, error, null));
        });
    }

    @POST
    @Path("resendcode")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> resend(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @FormParam(CsrfTokens.FIELD) String csrf,
                                @FormParam("username") String username) {
        return accountForms.post(uri, csrfCookie, csrf, validated -> {
            String typed = PageRequests.trimmed(username);
            if (typed == null) {
                return Uni.createFrom().item(render(validated, headers, csrfCookie, 400, null,
                        forms.messages(validated, headers).missingUsername(), null));
            }
            var request = validated.request();
            return accountForms.call(validated, headers, "resend-code",
                    api -> api.resendCode(request.clientId(), new HostedLoginRequests.Username(typed, PageRequests.ipAddress(http))),
                    ignored -> AuthorizationFlow.seeOther(request.pageUrl("/confirm",
                            Map.of("username", typed, "notice", PageNotices.CODE_SENT))),
                    error -> render(validated, headers, csrfCookie, 400, typed, error, null));
        });
    }

    /**
     * Cognito's confirmation link. It confirms on GET, as Cognito's does (the code is single-use and bound to the
     * user, so a replayed or prefetched link changes nothing more). With a full authorization request in the query
     * the user goes on to sign in; otherwise a page says the account is confirmed.
     */
    @GET
    @Path("confirmUser")
    public Uni<Response> confirmUser(@Context UriInfo uri, @Context HttpHeaders headers) {
        var query = uri.getQueryParameters();
        String username = PageRequests.trimmed(query.getFirst("user_name"));
        String code = PageRequests.trimmed(query.getFirst("confirmation_code"));
        Locale locale = locales.resolve(query.getFirst("lang"), query.getFirst("ui_locales"),
                PageRequests.acceptLanguage(headers));
        return flow.client(query.getFirst("client_id")).chain(client -> {
            if (username == null || code == null) {
                throw new PageException(PageError.BAD_REQUEST);
            }
            return accounts.call("confirm-sign-up", api -> api.confirmSignUp(client.clientId(),
                            new HostedLoginRequests.ConfirmSignUp(username, code)))
                    .chain(ignored -> {
                        if (query.getFirst("redirect_uri") == null) {
                            PageMessages messages = PageText.in(locale);
                            return Uni.createFrom().item(message(locale, 200, messages.confirmedTitle(),
                                    messages.confirmedText(), false));
                        }
                        return flow.validateForUserPool(query).map(validated -> AuthorizationFlow.seeOther(
                                validated.request().pageUrl("/login",
                                        Map.of("username", username, "notice", PageNotices.CONFIRMED))));
                    })
                    .onFailure(CognitoErrorException.class).recoverWithItem(failure -> {
                        PageMessages messages = PageText.in(locale);
                        return message(locale, 400, messages.errorHeading(),
                                PageText.describe((CognitoErrorException) failure, messages), true);
                    });
        });
    }

    private static Response message(Locale locale, int status, String heading, String text, boolean alert) {
        String html = Templates.message(locale.toLanguageTag(), heading, text, alert).setLocale(locale).render();
        return Response.status(status).type(ErrorPages.HTML).entity(html).build();
    }

    private Response render(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, int status,
                            String username, String error, String notice) {
        var request = validated.request();
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.confirm(lang,
                new AccountFormView(request.pageUrl("/confirm"), csrf, username,
                        validated.client().signsInWithEmail(), error, notice, List.of(),
                        request.pageUrl("/resendcode"), request.pageUrl("/login"))));
    }
}
