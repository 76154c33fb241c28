package dev.cognate.hostedui.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageLocalesTest {

    private final PageLocales locales = new PageLocales(List.of("en", "de", "pt-BR"));

    @Test
    void prefersTheLangParameter() {
        assertThat(locales.resolve("de", "en-US,en;q=0.9")).isEqualTo(Locale.GERMAN);
    }

    @Test
    void fallsBackToAcceptLanguageWhenLangIsUnsupportedOrMalformed() {
        assertThat(locales.resolve("fr", "de-CH,de;q=0.9,en;q=0.5")).isEqualTo(Locale.GERMAN);
        assertThat(locales.resolve("<script>", "pt-BR")).isEqualTo(Locale.forLanguageTag("pt-BR"));
    }

    @Test
    void matchesARegionalRangeToItsLanguage() {
        assertThat(locales.resolve(null, "en-GB")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void usesTheFirstConfiguredLanguageWhenNothingMatches() {
        assertThat(locales.resolve(null, null)).isEqualTo(Locale.ENGLISH);
        assertThat(locales.resolve("", "ja-JP,zh;q=0.5")).isEqualTo(Locale.ENGLISH);
        assertThat(locales.resolve(null, "*")).isEqualTo(Locale.ENGLISH);
        assertThat(locales.resolve(null, ";;;q=x")).isEqualTo(Locale.ENGLISH);
        assertThat(locales.resolve(null, "en,".repeat(200))).as("absurdly long header").isEqualTo(Locale.ENGLISH);
    }

    @Test
    void refusesAConfigurationWithoutLanguages() {
        assertThatThrownBy(() -> new PageLocales(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageLocales(List.of("!!"))).isInstanceOf(IllegalArgumentException.class);
    }
}
