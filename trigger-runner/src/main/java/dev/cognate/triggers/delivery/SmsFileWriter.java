package dev.cognate.triggers.delivery;

import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.domain.OutgoingMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * SMS mode {@code file}, for a laptop without an SMS gateway (deploy/local): each text message becomes one text file
 * in {@code cognate.delivery.sms.directory}, named {@code <UTC time to the millisecond>-<purpose>-<event id>.txt} so
 * that the names sort by time, with {@code Date}, {@code To} (the phone number) and the event's ids as header lines,
 * a blank line, then the text, so a developer reads sign-up codes sent by SMS with {@code cat}.
 */
@ApplicationScoped
public class SmsFileWriter {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    private final Path directory;
    private final Clock clock;

    public SmsFileWriter(TriggerRunnerConfig config, Clock clock) {
        this.directory = config.delivery().sms().directory().toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    public Uni<Void> write(OutgoingMessage message) {
        return MailFileWriter.offEventLoop(() -> writeFile(message), "SMS");
    }

    private void writeFile(OutgoingMessage message) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder();
        MailFileWriter.header(text, "Date", DateTimeFormatter.ISO_INSTANT.format(now));
        MailFileWriter.header(text, "To", message.destination());
        MailFileWriter.header(text, "X-Cognate-Event-Id", message.eventId());
        MailFileWriter.header(text, "X-Cognate-User-Pool-Id", message.userPoolId());
        MailFileWriter.header(text, "X-Cognate-Purpose", message.purpose());
        text.append("\r\n").append(message.text()).append("\r\n");
        String name = FILE_TIME.format(now) + "-" + MailFileWriter.safe(message.purpose()) + "-" + MailFileWriter.safe(message.eventId()) + ".txt";
        MailFileWriter.writeWhole(directory, name, text);
    }
}
