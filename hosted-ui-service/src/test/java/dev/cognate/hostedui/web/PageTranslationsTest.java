package dev.cognate.hostedui.web;

import io.quarkus.qute.i18n.Message;
import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text of the pages (English, {@link PageMessages}) has its German translation, so no German page falls back to English. */
class PageTranslationsTest {

    @Test
    void everyMessageHasAGermanTranslation() throws Exception {
        Properties german = new Properties();
        try (var in = new InputStreamReader(getClass().getResourceAsStream("/messages/msg_de.properties"), StandardCharsets.UTF_8)) {
            german.load(in);
        }
        var missing = Arrays.stream(PageMessages.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Message.class))
                .map(java.lang.reflect.Method::getName)
                .filter(name -> german.getProperty(name) == null || german.getProperty(name).isBlank())
                .sorted().toList();
        assertThat(missing).as("messages without a German translation").isEmpty();
    }
}
