package dev.cognate.hostedui.web;

import dev.cognate.hostedui.config.HostedUiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Locale;

/**
 * Picks the language of a page among the configured ones ({@code cognate.pages.languages}): the {@code lang}
 * query parameter first (as Cognito's managed login), then {@code Accept-Language} (RFC 4647 lookup), then the
 * first configured language. Never a language the pages are not written in, so {@code <html lang>} is truthful.
 */
@ApplicationScoped
public class PageLocales {

    private final List<Locale> supported;

    @Inject
    public PageLocales(HostedUiConfig config) {
        this(config.pages().languages());
    }

    PageLocales(List<String> languageTags) {
        this.supported = languageTags.stream().map(String::trim).map(Locale::forLanguageTag).toList();
        if (supported.isEmpty() || supported.stream().anyMatch(locale -> locale.getLanguage().isEmpty())) {
            throw new IllegalArgumentException("cognate.pages.languages must list IETF language tags, got " + languageTags);
        }
    }

    /** As {@link #resolve(String, String)}, with OIDC's {@code ui_locales} (space-separated) after {@code lang}. */
    public Locale resolve(String lang, String uiLocales, String acceptLanguage) {
        String preferred = lang != null ? lang
                : uiLocales != null ? String.join(",", uiLocales.trim().split("\\s+")) : null;
        return resolve(preferred, acceptLanguage);
    }

    public Locale resolve(String lang, String acceptLanguage) {
        Locale chosen = lookup(lang);
        if (chosen == null) {
            chosen = lookup(acceptLanguage);
        }
        return chosen != null ? chosen : supported.get(0);
    }

    private Locale lookup(String ranges) {
        if (ranges == null || ranges.isBlank() || ranges.length() > 256) {
            return null;
        }
        try {
            return Locale.lookup(Locale.LanguageRange.parse(ranges), supported);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
