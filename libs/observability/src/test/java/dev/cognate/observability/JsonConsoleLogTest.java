package dev.cognate.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installer against a real JBoss LogManager context shaped like Quarkus's: a text console handler nested in a
 * wrapper handler on the root logger. What comes out of the console is read back and parsed line by line.
 */
class JsonConsoleLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private LogContext context;
    private Logger logger;

    @BeforeEach
    void quarkusShapedLogContext() {
        context = LogContext.create();
        ConsoleHandler consoleHandler = new ConsoleHandler(new PatternFormatter("%d %-5p [%c] %s%e%n"));
        consoleHandler.setOutputStream(console);
        consoleHandler.setAutoFlush(true);
        ExtHandler wrapper = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                publishToNestedHandlers(record);
            }
        };
        wrapper.addHandler(consoleHandler);
        context.getLogger("").addHandler(wrapper);
        logger = context.getLogger("dev.cognate.userpool.auth.SignInAudit");
        logger.setLevel(Level.ALL);
    }

    @Test
    void installsOnTheNestedConsoleHandlerOnly() {
        assertThat(JsonConsoleLog.install(context)).isEqualTo(1);
    }

    @Test
    void writesOneJsonObjectPerLineWithLevelLoggerMessageAndTimestamp() throws Exception {
        JsonConsoleLog.install(context);
        Instant before = Instant.now().minusSeconds(1);

        logger.log(Level.INFO, "sign-in for pool {0} failed: {1}", new Object[]{"eu-west-1_abc", "wrong_password"});
        logger.log(org.jboss.logmanager.Level.WARN, "second line\nwith a newline in its message");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("loggerName").asText()).isEqualTo("dev.cognate.userpool.auth.SignInAudit");
        assertThat(first.get("message").asText()).isEqualTo("sign-in for pool eu-west-1_abc failed: wrong_password");
        assertThat(Instant.parse(first.get("timestamp").asText())).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(first.has("exception")).isFalse();
        assertThat(lines.get(1).get("message").asText()).isEqualTo("second line\nwith a newline in its message");
        assertThat(lines.get(1).get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void carriesTheExceptionWithItsCauseInTheSameObject() throws Exception {
        JsonConsoleLog.install(context);

        logger.log(org.jboss.logmanager.Level.ERROR, "relay failed", new IllegalStateException("broker gone", new java.io.IOException("connection reset")));

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        String exception = lines.get(0).get("exception").asText();
        assertThat(exception).contains("java.lang.IllegalStateException: broker gone")
                .contains("Caused by: java.io.IOException: connection reset")
                .contains("JsonConsoleLogTest");
        assertThat(lines.get(0).get("level").asText()).isEqualTo("ERROR");
    }

    /**
     * Nothing but the formatted message can carry a value a caller passed in (which LogHygieneTest in user-pool-service
     * searches for passwords, codes and tokens): no raw parameters, no caller details, only these fields.
     */
    @Test
    void writesOnlyTheKnownFields() throws Exception {
        JsonConsoleLog.install(context);

        logger.log(Level.INFO, "user signed in", new Object[]{"Passw0rd!-not-in-the-message"});

        String raw = console.toString(StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("Passw0rd!-not-in-the-message");
        List<String> fields = new ArrayList<>();
        lines().get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isSubsetOf("timestamp", "sequence", "loggerClassName", "loggerName", "level", "message",
                "threadName", "threadId", "traceId", "spanId", "mdc", "ndc", "hostName", "processName", "processId");
    }

    /** Inside a trace, quarkus-opentelemetry's MDC entries become top-level fields a log backend links to the trace. */
    @Test
    void liftsTheTraceAndSpanIdsOfTheMdc() throws Exception {
        JsonConsoleLog.install(context);

        org.jboss.logmanager.MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        org.jboss.logmanager.MDC.put("spanId", "00f067aa0ba902b7");
        try {
            logger.info("inside a trace");
        } finally {
            org.jboss.logmanager.MDC.remove("traceId");
            org.jboss.logmanager.MDC.remove("spanId");
        }
        logger.info("outside");

        List<JsonNode> lines = lines();
        assertThat(lines.get(0).get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(lines.get(0).get("spanId").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(lines.get(1).has("traceId")).isFalse();
        assertThat(lines.get(1).has("spanId")).isFalse();
    }

    @Test
    void leavesTheTextLogAloneWhenNotInstalled() {
        logger.info("plain");

        assertThat(console.toString(StandardCharsets.UTF_8)).contains("INFO  [dev.cognate.userpool.auth.SignInAudit] plain")
                .doesNotContain("{");
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Arrays.stream(console.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isEmpty()).toList()) {
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }
}
