package dev.cognate.benchmarks.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The email OTP scenario's mail reader, on files shaped as trigger-runner's MailFileWriter writes them. */
class MailCodesTest {

    private static String mail(String to, String pool, String body) {
        return "Date: Mon, 7 Dec 2026 16:40:00 GMT\r\nFrom: no-reply@cognate.localhost\r\nTo: " + to + "\r\nSubject: Your code 123\r\n"
                + "Message-ID: <e1@cognate.localhost>\r\nX-Cognate-Event-Id: e1\r\nX-Cognate-User-Pool-Id: " + pool + "\r\n"
                + "X-Cognate-Purpose: CustomMessage_Authentication\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    /** As MailFileWriter: written aside, then moved into place whole. */
    private static void deliver(Path directory, String name, String text) throws Exception {
        Path partial = Files.createTempFile(directory, ".partial-", ".tmp");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void parseReadsAddressPoolAndTheBodysCodeNotTheHeaders() {
        MailCodes.Message message = MailCodes.parse(mail("a@example.com", "us-east-1_abc", "Your authentication code is 01234567.")).orElseThrow();

        assertThat(message.to()).isEqualTo("a@example.com");
        assertThat(message.userPoolId()).isEqualTo("us-east-1_abc");
        assertThat(message.code()).isEqualTo("01234567");
        assertThat(MailCodes.parse(mail("a@example.com", "p", "Welcome, no code here."))).isEmpty();
        assertThat(MailCodes.parse(mail("a@example.com", "p", "Your code is 123456789012."))).as("not a code: too long").isEmpty();
    }

    @Test
    void aNewMailOfThePoolQueuesItsCodeUnderItsAddress(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("20261207T000000Z-old-e0.eml"), mail("a@example.com", "us-east-1_abc", "Code 11111111."));
        try (MailCodes codes = new MailCodes(directory, "us-east-1_abc")) {
            deliver(directory, "20261207T164000Z-CustomMessage_Authentication-e2.eml", mail("b@example.com", "us-east-1_other", "Code 22222222."));
            deliver(directory, "20261207T164001Z-CustomMessage_Authentication-e3.eml", mail("A@Example.com", "us-east-1_abc", "Code 33333333."));

            assertThat(codes.queue("a@example.com").poll(10, TimeUnit.SECONDS)).as("the new mail only, case-insensitive address")
                    .isEqualTo("33333333");
            assertThat(codes.queue("a@example.com")).isEmpty();
            assertThat(codes.queue("b@example.com")).as("another pool's mail").isEmpty();
        }
    }
}
