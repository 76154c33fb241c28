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
import java.util.Map;

/**
 * Password reset, as Cognito's hosted UI: {@code GET/POST /forgotPassword} asks for the username and has a code sent
 * ({@code forgot-password}); {@code GET/POST /confirmforgotPassword} takes the code and the new password
 * ({@code confirm-forgot-password}) and then sends the user to sign in, with a notice.
 */
@Path("/")
public class ForgotPasswordPage {

    private final AuthorizationFlow flow;
    private final UserPoolAccounts accounts;
    private final PageForms forms;

    public ForgotPasswordPage(AuthorizationFlow flow, UserPoolAccounts accounts, PageForms forms) {
        this.flow = flow;
        this.accounts = accounts;
        this.forms = forms;
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
        return flow.validateForUserPool(uri.getQueryParameters()).chain(validated -> {
            CsrfTokens.verify(csrfCookie, csrf);
            String typed = PageRequests.trimmed(username);
            if (typed == null) {
                return Uni.createFrom().item(renderForgot(validated, headers, csrfCookie, 400, null,
                        forms.messages(validated, headers).missingUsername()));
            }
            var request = validated.request();
            return accounts.call("forgot-password", api -> api.forgotPassword(request.clientId(),
                            new HostedLoginRequests.Username(typed, PageRequests.ipAddress(http))))
                    .map(ignored -> AuthorizationFlow.seeOther(request.pageUrl("/confirmforgotPassword",
                            Map.of("username", typed))))
                    .onFailure(CognitoErrorException.class).recoverWithItem(failure -> renderForgot(validated,
                            headers, csrfCookie, 400, typed,
                            PageText.describe((CognitoErrorException) failure, forms.messages(validated, headers))));
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
        return flow.validateForUserPool(uri.getQueryParameters()).chain(validated -> {
            CsrfTokens.verify(csrfCookie, csrf);
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
            return accounts.call("confirm-forgot-password", api -> api.confirmForgotPassword(request.clientId(),
                            new HostedLoginRequests.ConfirmForgotPassword(typed, trimmedCode, password,
                                    PageRequests.ipAddress(http))))
                    .map(ignored -> AuthorizationFlow.seeOther(request.pageUrl("/login",
                            Map.of("username", typed, "notice", PageNotices.PASSWORD_RESET))))
                    .onFailure(CognitoErrorException.class).recoverWithItem(failure -> renderConfirm(validated,
                            headers, csrfCookie, 400, typed, PageText.describe((CognitoErrorException) failure, messages)));
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
