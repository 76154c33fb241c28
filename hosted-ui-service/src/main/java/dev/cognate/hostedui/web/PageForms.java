package dev.cognate.hostedui.web;

import dev.cognate.hostedui.service.BrandingDirectory;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.Locale;
import java.util.function.BiFunction;

/**
 * What every form page does the same way: pick the language, render the template with the client's branding, set the
 * CSRF cookie.
 */
@ApplicationScoped
public class PageForms {

    private final PageLocales locales;
    private final BrandingDirectory brandings;

    public PageForms(PageLocales locales, BrandingDirectory brandings) {
        this.locales = locales;
        this.brandings = brandings;
    }

    /** The page's language: the request's {@code lang}/{@code ui_locales}, then {@code Accept-Language}. */
    public Locale locale(AuthorizationFlow.Validated validated, HttpHeaders headers) {
        return locales.resolve(validated.request().lang(), PageRequests.acceptLanguage(headers));
    }

    public PageMessages messages(AuthorizationFlow.Validated validated, HttpHeaders headers) {
        return PageText.in(locale(validated, headers));
    }

    /**
     * Renders a form page: {@code template} gets the language tag and the CSRF token to put in the form; the CSRF
     * cookie is set when the browser does not have it yet.
     */
    public Response render(AuthorizationFlow.Validated validated, HttpHeaders headers, String csrfCookie, int status,
                           BiFunction<String, String, TemplateInstance> template) {
        Locale locale = locale(validated, headers);
        String csrf = CsrfTokens.tokenFor(csrfCookie);
        PageBranding branding = PageBranding.of(validated.client(), brandings.current(validated.client().clientId()));
        String html = PageBranding.apply(template.apply(locale.toLanguageTag(), csrf), branding).setLocale(locale).render();
        var response = Response.status(status).type(ErrorPages.HTML).entity(html);
        var cookie = CsrfTokens.cookieFor(csrf, csrfCookie);
        return (cookie == null ? response : response.cookie(cookie)).build();
    }
}
