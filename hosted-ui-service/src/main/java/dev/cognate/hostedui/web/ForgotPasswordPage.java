package dev.cognate.hostedui.web;

import dev.cognate.internalapi.HostedLoginRequests;
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
import java.util.Map;

/**
 * Password reset, as Cognito's hosted UI: {@code GET/POST /forgotPassword} asks for the username and has a code sent
 * ({@code forgot-password}); {@code GET/POST /confirmforgotPassword} takes the code and the new password
 * ({@code confirm-forgot-password}) and then sends the user to sign in, with a notice.
 */
@Path("/")
public class ForgotPasswordPage {

    private final AuthorizationFlow flow;
    private final PageForms forms;
    private final AccountForms accountForms;

    public ForgotPasswordPage(AuthorizationFlow flow, PageForms forms, AccountForms accountForms) {
        this.flow = flow;
        this.forms = forms;
        this.accountForms = accountForms;
    }

    @GET
    @Path("forgotPassword")
    public Uni<Response> showForgot(@Context UriInfo uri, @Context HttpHeaders headers,
                                    @CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        return flow.validateForUserPool(uri.getQueryParameters()).map(validated ->
                renderForgot(validated, headers, csrfCookie, 200, uri.getQueryParameters().getFirst("username"), null));
    }

    @POST
    @Path("forgotPassword")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> forgot(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                @FormParam(CsrfTokens.FIELD) String csrf,
                                @FormParam("username") String username) {
        return accountForms.post(uri, csrfCookie, csrf, validated -> {
            String typed = PageRequests.trimmed(username);
            if (typed == null) {
                return Uni.createFrom().item(renderForgot(validated, headers, csrfCookie, 400, null,
                        forms.messages(validated, headers).missingUsername()));
            }
            var request = validated.request();
            return accountForms.call(validated, headers, "forgot-password", api -> api.forgotPassword(request.clientId(),
                            new HostedLoginRequests.Username(typed, PageRequests.ipAddress(http))),
                    ignored -> AuthorizationFlow.seeOther(request.pageUrl("/confirmforgotPassword", Map.of("username", typed))),
                    error -> renderForgot(validated, headers, csrfCookie, 400, typed, error));
        });
    }

    @GET
    @Path("confirmforgotPassword")
    public Uni<Response> showConfirm(@Context UriInfo uri, @Context HttpHeaders headers,
                                     @CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        return flow.validateForUserPool(uri.getQueryParameters()).map(validated ->
                renderConfirm(validated, headers, csrfCookie, 200, uri.getQueryParameters().getFirst("username"), null));
    }

    @POST
    @Path("confirmforgotPassword")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> confirm(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                 @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                 @FormParam(CsrfTokens.FIELD) String csrf,
                                 @FormParam("username") String username,
                                 @FormParam("code") String code,
                                 @FormParam("password") String password,
                                 @FormParam("confirmPassword") String confirmPassword) {
        return accountForms.post(uri, csrfCookie, csrf, validated -> {
            PageMessages messages = forms.messages(validated, headers);
            String typed = PageRequests.trimmed(username);
            String trimmedCode = PageRequests.trimmed(code);
            if (typed == null || trimmedCode == null) {
                return Uni.createFrom().item(renderConfirm(validated, headers, csrfCookie, 400, typed,
                        messages.missingCode()));
            }
            if (password == null || password.isEmpty()) {
                return Uni.createFrom().item(renderConfirm(validated, headers, csrfCookie, 400, typed,
                        messages.missingNewPassword()));
            }
            if (!password.equals(confirmPassword)) {
                return Uni.createFrom().item(renderConfirm(validated, headers, csrfCookie, 400, typed,
                        messages.passwordsDoNotMatch()));
            }
            var request = validated.request();
            return accountForms.call(validated, headers, "confirm-forgot-password", api -> api.confirmForgotPassword(request.clientId(),
                            new HostedLoginRequests.ConfirmForgotPassword(typed, trimmedCode, password, PageRequests.ipAddress(http))),
                    ignored -> AuthorizationFlow.seeOther(request.pageUrl("/login",
                            Map.of("username", typed, "notice", PageNotices.PASSWORD_RESET))),
                    error -> renderConfirm(validated, headers, csrfCookie, 400, typed, error));
        });
    }

    private Response renderForgot(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie,
                                  int status, String username, String error) {
        var request = validated.request();
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.forgotPassword(lang,
                new AccountFormView(request.pageUrl("/forgotPassword"), csrf, username,
                        validated.client().signsInWithEmail(), error, null, List.of(), null,
                        request.pageUrl("/login"))));
    }

    private Response renderConfirm(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie,
                                   int status, String username, String error) {
        var request = validated.request();
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.confirmForgotPassword(
                lang, new AccountFormView(request.pageUrl("/confirmforgotPassword"), csrf, username,
                        validated.client().signsInWithEmail(), error, null, List.of(), null,
                        request.pageUrl("/login"))));
    }
}
