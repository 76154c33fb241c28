package dev.cognate.triggers.delivery;

import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.domain.DeliveryFailedException;
import dev.cognate.triggers.domain.OutgoingMessage;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Email over SMTP with the Quarkus Mailer ({@code quarkus.mailer.host}, {@code .port}, TLS and login settings). */
@ApplicationScoped
public class SmtpEmailSender {

    private final ReactiveMailer mailer;
    private final Duration timeout;

    public SmtpEmailSender(ReactiveMailer mailer, TriggerRunnerConfig config) {
        this.mailer = mailer;
        this.timeout = config.delivery().email().timeout();
    }

    public Uni<Void> send(OutgoingMessage message) {
        return Uni.createFrom().deferred(() -> {
                    Mail mail = Mail.withText(message.destination(), message.subject(), message.text())
                            .setFrom(message.from())
                            .addHeader("X-Cognate-Event-Id", message.eventId());
                    if (message.replyTo() != null) {
                        mail.setReplyTo(message.replyTo());
                    }
                    return mailer.send(mail);
                })
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer from the SMTP server within " + timeout))
                .onFailure().transform(SmtpEmailSender::classify);
    }

    /**
     * A 5xx reply (the server refuses this message for good) or a message the client cannot even build is
     * permanent; anything else (connection refused, 4xx, timeout) is worth another attempt. The server's reply
     * text is left out: it may repeat the address.
     */
    static DeliveryFailedException classify(Throwable failure) {
        if (failure instanceof SMTPException smtp && smtp.isPermanent()) {
            return DeliveryFailedException.permanent("SMTP server refused the message with reply code " + smtp.getReplyCode(), failure);
        }
        if (failure instanceof IllegalArgumentException) {
            return DeliveryFailedException.permanent("not a valid email message (sender, recipient or reply-to address)", failure);
        }
        if (failure instanceof SMTPException smtp) {
            return DeliveryFailedException.transientFailure("SMTP server answered " + smtp.getReplyCode(), failure);
        }
        return DeliveryFailedException.transientFailure("SMTP delivery failed: " + failure, failure);
    }
}
