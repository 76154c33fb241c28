package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.client.HostedUiAuthClient;
import dev.cognate.hostedui.service.UserPoolAccounts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.function.Function;

/**
 * What the account pages' forms ({@link SignUpPage}, {@link ConfirmSignUpPage}, {@link ForgotPasswordPage}) do the same
 * way around their own fields: the request validated for the user pool's own sign-in and the CSRF token checked first;
 * then one call of user-pool-service's account API, whose success is a redirect and whose refusal shows the form again
 * with Cognito's message in the page's language ({@link PageText}).
 */
@ApplicationScoped
public class AccountForms {

    private final AuthorizationFlow flow;
    private final UserPoolAccounts accounts;
    private final PageForms forms;

    public AccountForms(AuthorizationFlow flow, UserPoolAccounts accounts, PageForms forms) {
        this.flow = flow;
        this.accounts = accounts;
        this.forms = forms;
    }

    /** A POST of an account form: {@code form} runs once the request is valid and {@code csrf} matches the cookie's. */
    Uni<Response> post(UriInfo uri, String csrfCookie, String csrf, Function<AuthorizationFlow.Validated, Uni<Response>> form) {
        return flow.validateForUserPool(uri.getQueryParameters()).chain(validated -> {
            CsrfTokens.verify(csrfCookie, csrf);
            return form.apply(validated);
        });
    }

    /**
     * The account API's {@code action}: {@code done} with its answer, or, refused ({@link CognitoErrorException}),
     * {@code shown} with the refusal's message for the page.
     */
    <T> Uni<Response> call(AuthorizationFlow.Validated validated, HttpHeaders headers, String action,
                           Function<HostedUiAuthClient, Uni<T>> call, Function<T, Response> done, Function<String, Response> shown) {
        return accounts.call(action, call).map(done).onFailure(CognitoErrorException.class).recoverWithItem(failure ->
                shown.apply(PageText.describe((CognitoErrorException) failure, forms.messages(validated, headers))));
    }
}
