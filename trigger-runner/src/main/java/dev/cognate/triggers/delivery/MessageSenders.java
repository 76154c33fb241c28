package dev.cognate.triggers.delivery;

import dev.cognate.triggers.config.TriggerRunnerConfig;
import dev.cognate.triggers.domain.OutgoingMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands a message to the channel of its medium: SMTP or the mail directory for email, the gateway or the SMS directory
 * for text messages.
 */
@ApplicationScoped
public class MessageSenders {

    private final SmtpEmailSender smtp;
    private final MailFileWriter files;
    private final SmsWebhookSender sms;
    private final SmsFileWriter smsFiles;
    private final TriggerRunnerConfig.EmailMode emailMode;
    private final TriggerRunnerConfig.SmsMode smsMode;

    public MessageSenders(SmtpEmailSender smtp, MailFileWriter files, SmsWebhookSender sms, SmsFileWriter smsFiles,
                          TriggerRunnerConfig config) {
        this.smtp = smtp;
        this.files = files;
        this.sms = sms;
        this.smsFiles = smsFiles;
        this.emailMode = config.delivery().email().mode();
        this.smsMode = config.delivery().sms().mode();
    }

    public Uni<Void> send(OutgoingMessage message) {
        return switch (message.medium()) {
            case EMAIL -> emailMode == TriggerRunnerConfig.EmailMode.FILE ? files.write(message) : smtp.send(message);
            case SMS -> smsMode == TriggerRunnerConfig.SmsMode.FILE ? smsFiles.write(message) : sms.send(message);
        };
    }
}
