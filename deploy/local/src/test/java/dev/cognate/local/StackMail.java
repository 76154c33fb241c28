package dev.cognate.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail, in this JVM, on a loopback port) that the stack's trigger-runner delivers its mail to,
 * read as the recipients would read their mail.
 */
final class StackMail implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("verification code is (\\d{6})");

    private final GreenMail smtp;
    private final int port;

    private StackMail(GreenMail smtp, int port) {
        this.smtp = smtp;
        this.port = port;
    }

    static StackMail start(int port) {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new StackMail(smtp, port);
    }

    /** What points trigger-runner's mailer (Quarkus Mailer, plain SMTP) at this server instead of the local stack's mail files. */
    Map<String, String> triggerRunnerEnvironment() {
        return Map.of("COGNATE_DELIVERY_EMAIL_MODE", "smtp", "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", Integer.toString(port), "QUARKUS_MAILER_START_TLS", "DISABLED");
    }

    /** The newest mail to {@code recipient} as "To:", "Subject:" and the text, or {@code null} while none has arrived. */
    String to(String recipient) throws MessagingException, IOException {
        String newest = null;
        for (MimeMessage message : smtp.getReceivedMessages()) {
            Address[] to = message.getAllRecipients();
            if (to != null && Arrays.stream(to).anyMatch(address -> address.toString().contains(recipient))) {
                newest = "To: " + recipient + "\nSubject: " + message.getSubject() + "\n\n" + message.getContent();
            }
        }
        return newest;
    }

    /** The six-digit code of the newest mail to {@code recipient}, or {@code null} while none has arrived. */
    String codeSentTo(String recipient) throws MessagingException, IOException {
        String mail = to(recipient);
        if (mail == null) {
            return null;
        }
        Matcher code = CODE.matcher(mail);
        return code.find() ? code.group(1) : null;
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
