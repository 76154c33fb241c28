package dev.cognate.userpool.service;

import dev.cognate.events.MessageEvents;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.MessageTemplates;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.event.UserPoolEventOutbox;
import dev.cognate.userpool.trigger.CustomMessageTrigger;
import dev.cognate.userpool.trigger.CustomSenderEvents;
import dev.cognate.userpool.trigger.TriggerCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The welcome message of a new user with a password: AdminCreateUser's invitation (and its RESEND), and the welcome
 * message of a user the UserMigration trigger brought in. Once per medium the user has a destination for (SMS by
 * default, as Cognito), as a {@code cognate.messages} event in the caller's transaction, the password sealed, never in
 * clear. The pool's CustomMessage trigger ({@code CustomMessage_AdminCreateUser}) may replace the texts; it runs in the
 * caller's transaction, so its failure leaves no user and no message. With a CustomEmailSender / CustomSMSSender for the
 * medium, the event for that function goes out instead, the password in it encrypted to the operator's key.
 */
@ApplicationScoped
public class Invitations {

    static final String PURPOSE = CustomMessageTrigger.ADMIN_CREATE_USER;

    private final SecretCipher cipher;
    private final CustomMessageTrigger customMessage;
    private final CustomSenderEvents customSenders;

    public Invitations(SecretCipher cipher, CustomMessageTrigger customMessage, CustomSenderEvents customSenders) {
        this.cipher = cipher;
        this.customMessage = customMessage;
        this.customSenders = customSenders;
    }

    public Uni<Void> invite(SqlClient tx, UserPool pool, User user, String password, List<String> mediums, TriggerCaller caller) {
        List<String> wanted = (mediums == null || mediums.isEmpty() ? List.of("SMS") : mediums).stream()
                .filter(medium -> destination(user, medium) != null).toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        MessageTemplates templates = new MessageTemplates(pool.settings());
        return customMessage.run(pool.id(), pool.config().lambdaConfig(), PURPOSE, user, caller).chain(custom -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String medium : wanted) {
                Optional<MessageEvents.CustomSender> customSender = customSenders.of(pool, user, PURPOSE, medium, password, caller);
                if (customSender.isPresent()) {
                    // The function writes the text; the password travels only inside the sender's event, encrypted to its key.
                    MessageEvents.DeliveryRequested delivery = new MessageEvents.DeliveryRequested(user.userPoolId(), user.sub().toString(),
                            user.username(), PURPOSE, medium, destination(user, medium), null, null, null, null, null, customSender.get());
                    chain = chain.chain(() -> UserPoolEventOutbox.publishMessage(tx, user.userPoolId(), user.sub(),
                            MessageEvents.INVITATION_REQUESTED, delivery));
                    continue;
                }
                String sealed = Base64.getEncoder().encodeToString(cipher.encrypt(password,
                        MessageEvents.sealingContext(PURPOSE, user.userPoolId(), user.sub().toString())));
                MessageTemplates.Rendered text = custom.apply(medium, templates.invitation(medium, user.username()), user.username());
                MessageEvents.DeliveryRequested delivery = new MessageEvents.DeliveryRequested(user.userPoolId(), user.sub().toString(),
                        user.username(), PURPOSE, medium, destination(user, medium), sealed, text.subject(), text.message(),
                        templates.from(), templates.replyTo());
                chain = chain.chain(() -> UserPoolEventOutbox.publishMessage(tx, user.userPoolId(), user.sub(),
                        MessageEvents.INVITATION_REQUESTED, delivery));
            }
            return chain;
        });
    }

    private static String destination(User user, String medium) {
        return user.attribute("EMAIL".equals(medium) ? SignInIdentifiers.EMAIL : SignInIdentifiers.PHONE_NUMBER);
    }
}
