package dev.cognate.hostedui.web;

import dev.cognate.hostedui.client.CognitoErrorException;
import dev.cognate.hostedui.oauth.OAuthRedirectException;
import dev.cognate.hostedui.service.SessionStoreUnavailableException;
import dev.cognate.hostedui.service.UnknownClientException;
import dev.cognate.hostedui.service.UserPoolUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Locale;

/**
 * Every failure of a hosted page becomes the error page: a heading, one specific reason in {@code role="alert"},
 * the matching HTTP status, and never a stack trace. Unexpected failures are logged once here.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);
    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private final PageLocales locales;

    public ErrorPages(PageLocales locales) {
        this.locales = locales;
    }

    @ServerExceptionMapper
    public Response page(PageException e, UriInfo uri, HttpHeaders headers) {
        return render(e.error().status(), e.error(), null, uri, headers);
    }

    @ServerExceptionMapper
    public Response unknownClient(UnknownClientException e, UriInfo uri, HttpHeaders headers) {
        return render(400, PageError.UNKNOWN_CLIENT, e.clientId(), uri, headers);
    }

    @ServerExceptionMapper
    public Response userPoolUnavailable(UserPoolUnavailableException e, UriInfo uri, HttpHeaders headers) {
        // AppClientDirectory has logged the cause.
        return render(503, PageError.SERVICE_UNAVAILABLE, null, uri, headers);
    }

    @ServerExceptionMapper
    public Response sessionStoreUnavailable(SessionStoreUnavailableException e, UriInfo uri, HttpHeaders headers) {
        LOG.warnf("Redis failed on %s: %s", uri.getPath(), e.getCause() != null ? e.getCause().toString() : e.getMessage());
        return render(503, PageError.SERVICE_UNAVAILABLE, null, uri, headers);
    }

    /** After the client and redirect URI were validated: back to the client with the error (302). */
    @ServerExceptionMapper
    public Response oauthRedirect(OAuthRedirectException e) {
        return Response.status(Response.Status.FOUND).header("Location", e.location()).build();
    }

    /** A Cognito error no page handled: user-pool-service no longer knows the client, or refused the request. */
    @ServerExceptionMapper
    public Response cognitoError(CognitoErrorException e, UriInfo uri, HttpHeaders headers) {
        return render(400, e.status() == 404 ? PageError.UNKNOWN_CLIENT : PageError.BAD_REQUEST,
                uri.getQueryParameters().getFirst("client_id"), uri, headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (status >= 500) {
            return unexpected(e, uri, headers);
        }
        return render(status, status == 404 ? PageError.NOT_FOUND : PageError.BAD_REQUEST, null, uri, headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return render(500, PageError.INTERNAL_ERROR, null, uri, headers);
    }

    private Response render(int status, PageError error, String clientId, UriInfo uri, HttpHeaders headers) {
        Locale locale = locales.resolve(uri.getQueryParameters().getFirst("lang"),
                uri.getQueryParameters().getFirst("ui_locales"),
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        String html = Templates.error(locale.toLanguageTag(), error, clientId).setLocale(locale).render();
        return Response.status(status).type(HTML).entity(html).build();
    }
}
