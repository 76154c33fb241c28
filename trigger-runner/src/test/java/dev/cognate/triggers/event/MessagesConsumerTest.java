package dev.cognate.triggers.event;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.EventJson;
import dev.cognate.events.MessageEvents;
import dev.cognate.events.Topics;
import dev.cognate.outbox.consumer.IdempotentConsumer;
import dev.cognate.outbox.consumer.RetriesExhaustedException;
import dev.cognate.outbox.consumer.UnprocessableEventException;
import dev.cognate.testkit.PrometheusText;
import dev.cognate.testkit.TestInfrastructure;
import dev.cognate.triggers.domain.DeliveryFailedException;
import dev.cognate.triggers.support.MessageEventsClient;
import dev.cognate.triggers.support.RecordingSmsGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * cognate.messages end to end: real Kafka and PostgreSQL, a real SMTP server (GreenMail) and a real HTTP SMS
 * gateway, events sealed exactly as user-pool-service seals them.
 */
@QuarkusTest
class MessagesConsumerTest extends MessageDeliveryTest {

    private static GreenMail smtp;
    private static RecordingSmsGateway smsGateway;

    @ConfigProperty(name = "test.delivery.smtp-port")
    int smtpPort;

    @ConfigProperty(name = "test.delivery.sms-port")
    int smsPort;

    @BeforeEach
    void startServers() throws Exception {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            smsGateway = new RecordingSmsGateway(smsPort);
        }
    }

    @AfterAll
    static void stopServers() {
        if (smtp != null) {
            smtp.stop();
            smsGateway.close();
            smtp = null;
        }
    }

    @Test
    void emailsTheCodeOnceWithThePoolsSubjectSenderAndReplyToEvenWhenTheEventComesTwice() throws Exception {
        String to = recipient();
        CloudEvent event = events.emailCode(MessageEventsClient.newPoolId(), to, "731942", "Acme <accounts@acme.test>",
                "help@acme.test");
        PrometheusText before = metrics();

        events.send(event);
        events.send(event);

        MimeMessage mail = awaitOneMail(to);
        assertThat(mail.getSubject()).isEqualTo("Your verification code 731942");
        assertThat(GreenMailUtil.getBody(mail).trim()).isEqualTo("Your verification code is 731942.");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("accounts@acme.test");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Acme");
        assertThat(Arrays.stream(mail.getReplyTo()).map(address -> ((InternetAddress) address).getAddress()))
                .containsExactly("help@acme.test");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(to);
        assertThat(mail.getHeader("X-Cognate-Event-Id")).containsExactly(event.id());

        awaitDelivery(event.id(), "DELIVERED");
        // Give the duplicate time to arrive before asserting that it sent nothing.
        TimeUnit.SECONDS.sleep(2);
        assertThat(mailsTo(to)).hasSize(1);
        Row row = delivery(event.id());
        assertThat(row.getInteger("attempts")).isEqualTo(1);
        assertThat(row.getString("purpose")).isEqualTo("CustomMessage_SignUp");
        assertThat(row.getString("medium")).isEqualTo("EMAIL");
        assertThat(row.getString("masked_destination")).isEqualTo(to.charAt(0) + "***@example.test").doesNotContain(to);
        assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = $1", event.id())).isEqualTo(1);
        PrometheusText after = metrics();
        assertThat(after.increase(before, "cognate_message_deliveries_total", "medium=\"EMAIL\",status=\"delivered\"")).isEqualTo(1);
        assertThat(after.increase(before, "cognate_message_delivery_seconds_count", "medium=\"EMAIL\"")).isEqualTo(1);
        assertThat(after.increase(before, "cognate_events_consumed_total", "channel=\"messages\",outcome=\"applied\"")).isEqualTo(1);
        assertThat(after.increase(before, "cognate_events_consumed_total", "channel=\"messages\",outcome=\"duplicate\"")).isEqualTo(1);
    }

    @Test
    void sendsAnInvitationFromTheInstallationsSenderWhenThePoolHasNone() throws Exception {
        String poolId = MessageEventsClient.newPoolId();
        String sub = UUID.randomUUID().toString();
        String to = recipient();
        String purpose = "CustomMessage_AdminCreateUser";
        CloudEvent event = MessageEventsClient.event(MessageEvents.INVITATION_REQUESTED, new MessageEvents.DeliveryRequested(
                poolId, sub, "carol", purpose, "EMAIL", to, events.seal("Tmp#pass-9Zq", purpose, poolId, sub),
                "Your temporary password", "Your username is carol and temporary password is {####}.", null, null));

        events.send(event);

        MimeMessage mail = awaitOneMail(to);
        assertThat(mail.getSubject()).isEqualTo("Your temporary password");
        assertThat(GreenMailUtil.getBody(mail).trim()).isEqualTo("Your username is carol and temporary password is Tmp#pass-9Zq.");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@cognate.localhost");
        assertThat(mail.getHeader("Reply-To")).as("no Reply-To when the pool has none").isNull();
    }

    @Test
    void deadLettersMalformedRequestsAndSecretsThatDoNotOpenWithoutSendingAnything() throws Exception {
        String poolId = MessageEventsClient.newPoolId();
        String to = recipient();
        String sub = UUID.randomUUID().toString();
        String purpose = "CustomMessage_ForgotPassword";
        // Sealed for another user: the context does not match, so the secret does not open.
        CloudEvent otherUser = MessageEventsClient.event(MessageEvents.CODE_REQUESTED, new MessageEvents.DeliveryRequested(
                poolId, sub, "dave", purpose, "EMAIL", to, events.seal("111111", purpose, poolId, UUID.randomUUID().toString()),
                "Reset", "Code {####}", null, null));
        byte[] sealed = java.util.Base64.getDecoder().decode(events.seal("222222", purpose, poolId, sub));
        sealed[sealed.length - 1] ^= 1;
        CloudEvent tampered = MessageEventsClient.event(MessageEvents.CODE_REQUESTED, new MessageEvents.DeliveryRequested(
                poolId, sub, "dave", purpose, "EMAIL", to, java.util.Base64.getEncoder().encodeToString(sealed),
                "Reset", "Code {####}", null, null));
        CloudEvent unknownType = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
                CloudEvent.userPoolSource(poolId), "cognate.messages.postcard.requested.v1", sub, java.time.Instant.now(),
                CloudEvent.JSON, tampered.data());
        String notJson = "not json " + UUID.randomUUID();

        events.send(otherUser);
        events.send(tampered);
        events.send(poolId + "/" + sub, EventJson.write(unknownType));
        events.send(poolId + "/" + sub, notJson);

        List<ConsumerRecord<String, String>> deadLetters = events.awaitDeadLetters(
                List.of(otherUser.id(), tampered.id(), unknownType.id(), notJson), WAIT);
        assertThat(deadLetters).hasSize(4);
        for (ConsumerRecord<String, String> record : deadLetters) {
            assertThat(header(record, "dead-letter-topic")).isEqualTo(Topics.MESSAGES);
            assertThat(header(record, "dead-letter-partition")).isNotBlank();
            assertThat(header(record, "dead-letter-offset")).isNotBlank();
            assertThat(header(record, "dead-letter-reason")).isNotBlank();
            assertThat(header(record, "dead-letter-exception-class-name")).endsWith("Exception");
        }
        // Never applied (unreadable) or applied once and refused for good: no retry either way.
        assertThat(attemptsOf(deadLetters, unknownType.id())).isEqualTo("0");
        assertThat(attemptsOf(deadLetters, notJson)).isEqualTo("0");
        assertThat(attemptsOf(deadLetters, otherUser.id())).isEqualTo("1");
        assertThat(attemptsOf(deadLetters, tampered.id())).isEqualTo("1");
        assertThat(deadLetters).filteredOn(record -> record.value().equals(notJson)).singleElement()
                .satisfies(record -> assertThat(header(record, "dead-letter-exception-class-name"))
                        .isEqualTo(UnprocessableEventException.class.getName()));
        assertThat(reasonOf(deadLetters, otherUser.id())).contains("does not open");
        assertThat(reasonOf(deadLetters, unknownType.id())).contains("unknown type");
        assertThat(delivery(otherUser.id()).getString("status")).isEqualTo("REJECTED");
        assertThat(delivery(tampered.id()).getString("status")).isEqualTo("REJECTED");
        assertThat(delivery(tampered.id()).getString("last_error")).doesNotContain("222222");
        assertThat(mailsTo(to)).isEmpty();
    }

    @Test
    void waitsForPostgresWithoutCountingAnAttemptAndDeliversOnceItIsBack() throws Exception {
        String to = recipient();
        CloudEvent event = events.emailCode(MessageEventsClient.newPoolId(), to, "606060", null, null);

        TestInfrastructure.stopPostgres();
        try {
            events.send(event);
            // Longer than the test profile's 4 attempts with their back-off (0.5 + 1 + 2 s): an outage of our own
            // database must not use them up and dead-letter the request.
            TimeUnit.SECONDS.sleep(5);
        } finally {
            TestInfrastructure.startPostgres();
        }

        MimeMessage mail = awaitOneMail(to);
        assertThat(GreenMailUtil.getBody(mail)).contains("606060");
        Row row = awaitDelivery(event.id(), "DELIVERED");
        assertThat(row.getInteger("attempts")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_events WHERE consumer = 'trigger-runner' AND event_id = $1", event.id()))
                .isEqualTo(1);
    }

    @Test
    void retriesWhileTheSmtpServerIsDownAndDeliversOnceItIsBack() throws Exception {
        String to = recipient();
        CloudEvent event = events.emailCode(MessageEventsClient.newPoolId(), to, "505050", null, null);

        smtp.stop();
        try {
            events.send(event);
            awaitDelivery(event.id(), "RETRYING");
        } finally {
            smtp.start();
        }

        MimeMessage mail = awaitOneMail(to);
        assertThat(GreenMailUtil.getBody(mail)).contains("505050");
        Row row = awaitDelivery(event.id(), "DELIVERED");
        assertThat(row.getInteger("attempts")).isGreaterThan(1);
        assertThat(row.getString("last_error")).startsWith("SMTP").doesNotContain("505050");
    }

    @Test
    void deadLettersWithTheAttemptCountWhenTheSmtpServerStaysDown() throws Exception {
        String to = recipient();
        CloudEvent event = events.emailCode(MessageEventsClient.newPoolId(), to, "404040", null, null);

        List<ConsumerRecord<String, String>> deadLetters;
        smtp.stop();
        try {
            events.send(event);
            deadLetters = events.awaitDeadLetters(List.of(event.id()), WAIT);
        } finally {
            smtp.start();
        }

        assertThat(header(deadLetters.get(0), IdempotentConsumer.ATTEMPTS_HEADER)).isEqualTo("4");
        assertThat(header(deadLetters.get(0), "dead-letter-reason")).contains("after 4 attempts");
        assertThat(header(deadLetters.get(0), "dead-letter-exception-class-name")).isEqualTo(RetriesExhaustedException.class.getName());
        assertThat(header(deadLetters.get(0), "dead-letter-cause-class-name")).isEqualTo(DeliveryFailedException.class.getName());
        Row row = delivery(event.id());
        assertThat(row.getString("status")).isEqualTo("FAILED");
        assertThat(row.getInteger("attempts")).isEqualTo(4);
        TimeUnit.SECONDS.sleep(1);
        assertThat(mailsTo(to)).isEmpty();
    }

    @Test
    void postsTextMessagesToTheSmsGatewayAndRetriesItsServerErrors() {
        String poolId = MessageEventsClient.newPoolId();
        String phone = phoneNumber();
        smsGateway.answerFirst(phone, 503);
        CloudEvent event = events.smsCode(poolId, phone, "887766");

        events.send(event);

        await().atMost(WAIT).untilAsserted(() -> assertThat(smsGateway.receivedFor(phone)).hasSize(1));
        RecordingSmsGateway.Received sms = smsGateway.receivedFor(phone).get(0);
        assertThat(sms.body().path("to").asText()).isEqualTo(phone);
        assertThat(sms.body().path("message").asText()).isEqualTo("Your verification code is 887766.");
        assertThat(sms.body().path("userPoolId").asText()).isEqualTo(poolId);
        assertThat(sms.body().path("purpose").asText()).isEqualTo("CustomMessage_SignUp");
        assertThat(sms.idempotencyKey()).isEqualTo(event.id());
        Row row = awaitDelivery(event.id(), "DELIVERED");
        assertThat(row.getInteger("attempts")).isEqualTo(2);
        assertThat(row.getString("last_error")).isEqualTo("SMS gateway answered HTTP 503");
        assertThat(row.getString("masked_destination")).endsWith(phone.substring(phone.length() - 4)).doesNotContain(phone);
    }

    @Test
    void deadLettersAtOnceWhatTheSmsGatewayRefuses() {
        String phone = phoneNumber();
        smsGateway.answerFirst(phone, 400);
        CloudEvent event = events.smsCode(MessageEventsClient.newPoolId(), phone, "123123");
        PrometheusText before = metrics();

        events.send(event);

        List<ConsumerRecord<String, String>> deadLetters = events.awaitDeadLetters(List.of(event.id()), WAIT);
        assertThat(header(deadLetters.get(0), IdempotentConsumer.ATTEMPTS_HEADER)).isEqualTo("1");
        Row row = delivery(event.id());
        assertThat(row.getString("status")).isEqualTo("REJECTED");
        assertThat(row.getString("last_error")).isEqualTo("SMS gateway answered HTTP 400");
        assertThat(smsGateway.receivedFor(phone)).isEmpty();
        PrometheusText after = metrics();
        assertThat(after.increase(before, "cognate_message_deliveries_total", "medium=\"SMS\",status=\"rejected\"")).isEqualTo(1);
        assertThat(after.increase(before, "cognate_events_consumed_total", "channel=\"messages\",outcome=\"dead_lettered\"")).isEqualTo(1);
    }

    private static String phoneNumber() {
        return "+1555" + String.format("%07d", (int) (Math.random() * 10_000_000));
    }

    private static List<MimeMessage> mailsTo(String to) throws Exception {
        return mailsTo(smtp, to);
    }

    private static MimeMessage awaitOneMail(String to) {
        await().atMost(WAIT).until(() -> !mailsTo(to).isEmpty());
        try {
            List<MimeMessage> mails = mailsTo(to);
            assertThat(mails).hasSize(1);
            return mails.get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long count(String sql, String parameter) {
        return db.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private static String reasonOf(List<ConsumerRecord<String, String>> records, String marker) {
        return records.stream().filter(record -> record.value().contains(marker)).findFirst()
                .map(record -> header(record, "dead-letter-reason")).orElseThrow();
    }

    private static PrometheusText metrics() {
        return new PrometheusText(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
