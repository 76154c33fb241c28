package dev.cognate.hostedui.web;

import dev.cognate.internalapi.AppClientConfig;
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
 * {@code GET/POST /signup}: Cognito's sign-up page. The username input is an email input when the pool signs in with
 * email (UsernameAttributes); the pool's other required attributes get an input each. A new unconfirmed user goes
 * on to {@code /confirm}; a user confirmed at once (a PreSignUp trigger) to the sign-in page.
 */
@Path("/signup")
public class SignUpPage {

    private final AuthorizationFlow flow;
    private final PageForms forms;
    private final AccountForms accountForms;

    public SignUpPage(AuthorizationFlow flow, PageForms forms, AccountForms accountForms) {
        this.flow = flow;
        this.forms = forms;
        this.accountForms = accountForms;
    }

    @GET
    public Uni<Response> show(@Context UriInfo uri, @Context HttpHeaders headers,
                              @CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        return flow.validateForUserPool(uri.getQueryParameters()).map(validated ->
                render(validated, headers, csrfCookie, 200, null, Map.of(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signUp(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http,
                                @CookieParam(CsrfTokens.COOKIE) String csrfCookie,
                                MultivaluedMap<String, String> form) {
        return accountForms.post(uri, csrfCookie, form.getFirst(CsrfTokens.FIELD), validated -> {
            AppClientConfig client = validated.client();
            String username = PageRequests.trimmed(form.getFirst("username"));
            String password = form.getFirst("password");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String name : attributeNames(client)) {
                String value = PageRequests.trimmed(form.getFirst(AttributeInput.FIELD_PREFIX + name));
                if (value != null) {
                    attributes.put(name, value);
                }
            }
            if (client.signsInWithEmail() && username != null) {
                attributes.put("email", username);
            }
            if (username == null || password == null || password.isEmpty()) {
                return Uni.createFrom().item(render(validated, headers, csrfCookie, 400, username, attributes,
                        forms.messages(validated, headers).missingCredentials()));
            }
            var request = validated.request();
            return accountForms.call(validated, headers, "sign-up", api -> api.signUp(request.clientId(),
                            new HostedLoginRequests.SignUp(username, password, attributes, PageRequests.ipAddress(http))),
                    result -> result.userConfirmed()
                            ? AuthorizationFlow.seeOther(request.pageUrl("/login",
                                    Map.of("username", username, "notice", PageNotices.CONFIRMED)))
                            : AuthorizationFlow.seeOther(request.pageUrl("/confirm", Map.of("username", username))),
                    error -> render(validated, headers, csrfCookie, 400, username, attributes, error));
        });
    }

    /** The required attributes asked for besides the username (email is the username when the pool signs in with it). */
    private static List<String> attributeNames(AppClientConfig client) {
        return client.requiredAttributes().stream()
                .filter(name -> !(client.signsInWithEmail() && name.equals("email")))
                .toList();
    }

    private Response render(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, int status,
                            String username, Map<String, String> typed, String error) {
        var request = validated.request();
        List<AttributeInput> inputs = attributeNames(validated.client()).stream()
                .map(name -> AttributeInput.of(name, typed.get(name))).toList();
        return forms.render(validated, headers, csrfCookie, status, (lang, csrf) -> Templates.signup(lang,
                new AccountFormView(request.pageUrl("/signup"), csrf, username, validated.client().signsInWithEmail(),
                        error, null, inputs, null, request.pageUrl("/login"))));
    }
}
