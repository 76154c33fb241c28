package dev.cognate.triggers.delivery;

import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.domain.DeliveryFailedException;
import dev.cognate.triggers.domain.OutgoingMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Email mode {@code file}, for a laptop without an SMTP server: each message becomes one RFC 822-style text file
 * (headers, a blank line, the body) in {@code cognate.delivery.email.directory}, named
 * {@code <UTC time>-<purpose>-<event id>.eml}, so a developer reads sign-up codes with {@code cat}.
 */
@ApplicationScoped
public class MailFileWriter {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Path directory;

    public MailFileWriter(TriggerRunnerConfig config) {
        this.directory = config.delivery().email().directory().toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    public Uni<Void> write(OutgoingMessage message) {
        return offEventLoop(() -> writeFile(message), "mail");
    }

    /** Runs a file write on a worker thread; a failure other than a delivery failure is transient (the delivery is retried). */
    static Uni<Void> offEventLoop(Runnable write, String kind) {
        return Uni.createFrom().<Void>item(() -> {
                    write.run();
                    return null;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(failure -> failure instanceof DeliveryFailedException delivery ? delivery
                        : DeliveryFailedException.transientFailure("writing the " + kind + " file failed: " + failure, failure));
    }

    private void writeFile(OutgoingMessage message) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder();
        header(text, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now));
        header(text, "From", message.from());
        header(text, "To", message.destination());
        if (message.replyTo() != null) {
            header(text, "Reply-To", message.replyTo());
        }
        header(text, "Subject", message.subject());
        header(text, "Message-ID", "<" + message.eventId() + "@cognate.localhost>");
        header(text, "X-Cognate-Event-Id", message.eventId());
        header(text, "X-Cognate-User-Pool-Id", message.userPoolId());
        header(text, "X-Cognate-Purpose", message.purpose());
        header(text, "Content-Type", "text/plain; charset=UTF-8");
        text.append("\r\n").append(message.text()).append("\r\n");
        String name = FILE_TIME.format(now) + "-" + safe(message.purpose()) + "-" + safe(message.eventId()) + ".eml";
        writeWhole(directory, name, text);
    }

    /** Writes {@code text} aside and moves it into place as {@code name}, so a reader never sees half a message. */
    static void writeWhole(Path directory, String name, CharSequence text) {
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, ".partial-", ".tmp");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw DeliveryFailedException.transientFailure("writing a message file in " + directory + " failed: " + e, e);
        }
    }

    static void header(StringBuilder text, String name, String value) {
        // A header value never spans lines (no header injection from a pool's subject).
        text.append(name).append(": ").append(value == null ? "" : value.replaceAll("[\\r\\n]+", " ")).append("\r\n");
    }

    static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
