package dev.cognate.triggers.service;

import dev.cognate.events.MessageEvents;
import dev.cognate.events.MessageEvents.DeliveryRequested;
import dev.cognate.secrets.MasterKeyCipher;
import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.domain.DeliveryRequest;
import dev.cognate.triggers.domain.MalformedEventException;
import dev.cognate.triggers.domain.Medium;
import dev.cognate.triggers.domain.OutgoingMessage;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Base64;

/**
 * Opens a request's sealed secret ({@link MasterKeyCipher} under {@code cognate.master-key}, bound to
 * {@link MessageEvents#sealingContext}) and puts it where the text says {@code {####}}. A secret that does not
 * open (another key, another pool, user or purpose, a tampered value, no key configured) makes the request
 * {@link MalformedEventException malformed}: no retry opens it.
 */
@ApplicationScoped
public class MessageOpener {

    private static final Logger LOG = Logger.getLogger(MessageOpener.class);
    private static final String SECRET_PLACEHOLDER = "{####}";

    private final MasterKeyCipher cipher;
    private final String defaultFrom;

    public MessageOpener(TriggerRunnerConfig config, MasterKeyCipher cipher) {
        this.cipher = cipher;
        this.defaultFrom = config.delivery().email().from();
    }

    void warnAtStartup(@Observes StartupEvent event) {
        if (!cipher.hasKey()) {
            LOG.warn(cipher.problem() + "; every message on cognate.messages will be dead-lettered");
        }
    }

    public OutgoingMessage open(DeliveryRequest request) {
        DeliveryRequested data = request.data();
        String secret = open(request.eventId(), data);
        boolean email = request.medium() == Medium.EMAIL;
        String subject = email ? fill(data.subject() == null || data.subject().isBlank() ? defaultSubject(request) : data.subject(), secret) : null;
        String from = email ? (data.from() == null || data.from().isBlank() ? defaultFrom : data.from()) : null;
        String replyTo = email && data.replyTo() != null && !data.replyTo().isBlank() ? data.replyTo() : null;
        return new OutgoingMessage(request.eventId(), data.userPoolId(), data.purpose(), request.medium(), data.destination(),
                subject, fill(data.message(), secret), from, replyTo);
    }

    private String open(String eventId, DeliveryRequested data) {
        try {
            byte[] sealed = Base64.getDecoder().decode(data.sealedSecret());
            return cipher.decrypt(sealed, MessageEvents.sealingContext(data.purpose(), data.userPoolId(), data.sub()));
        } catch (MasterKeyCipher.MissingKeyException e) {
            throw new MalformedEventException("the secret of event " + eventId + " cannot be opened: " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The cipher's messages name the format or key id, never the secret.
            throw new MalformedEventException("the secret of event " + eventId + " does not open: " + e.getMessage(), e);
        }
    }

    private static String fill(String text, String secret) {
        return text.replace(SECRET_PLACEHOLDER, secret);
    }

    private static String defaultSubject(DeliveryRequest request) {
        return MessageEvents.INVITATION_REQUESTED.name().equals(request.type()) ? "Your temporary password" : "Your verification code";
    }
}
