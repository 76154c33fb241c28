package dev.cognate.userpool;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import dev.cognate.observability.JsonLineFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cognate.log.json=true} (COGNATE_LOG_JSON in the chart) turns the running service's console log into JSON lines. */
@QuarkusTest
@TestProfile(JsonLogSwitchTest.JsonLogs.class)
class JsonLogSwitchTest {

    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognate.log.json", "true");
        }
    }

    @Test
    void theConsoleHandlerWritesJsonLines() {
        List<ConsoleHandler> consoles = new ArrayList<>();
        for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
            collectConsoles(handler, consoles);
        }

        assertThat(consoles).isNotEmpty();
        for (ConsoleHandler console : consoles) {
            assertThat(console.getFormatter()).isInstanceOf(JsonLineFormatter.class);
            ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.INFO, "user pools started", JsonLogSwitchTest.class.getName());
            record.setLoggerName("dev.cognate.userpool");
            String line = console.getFormatter().format(record);
            assertThat(line).startsWith("{").endsWith("}\n").containsOnlyOnce("\n")
                    .contains("\"level\":\"INFO\"", "\"loggerName\":\"dev.cognate.userpool\"", "\"message\":\"user pools started\"", "\"timestamp\":\"");
        }
    }

    private static void collectConsoles(Handler handler, List<ConsoleHandler> consoles) {
        if (handler instanceof ConsoleHandler console) {
            consoles.add(console);
        } else if (handler instanceof ExtHandler parent) {
            for (Handler child : parent.getHandlers()) {
                collectConsoles(child, consoles);
            }
        }
    }
}
