package dev.cognate.triggers.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.events.CloudEvent;
import dev.cognate.events.MessageEvents;
import dev.cognate.events.MessageEvents.DeliveryRequested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryRequestTest {

    private static DeliveryRequested request(String medium, String destination, String sealedSecret) {
        return new DeliveryRequested("us-east-1_abcdefghi", "sub-1", "alice", "CustomMessage_SignUp", medium, destination,
                sealedSecret, "Subject", "Code {####}", null, null);
    }

    @Test
    void readsACodeRequestAndNeverShowsTheDestinationInFull() {
        CloudEvent event = CloudEvent.of(MessageEvents.CODE_REQUESTED, CloudEvent.userPoolSource("us-east-1_abcdefghi"), "sub-1",
                request("EMAIL", "alice@example.com", "c2VhbGVk"));

        DeliveryRequest delivery = DeliveryRequest.of(event);

        assertThat(delivery.medium()).isEqualTo(Medium.EMAIL);
        assertThat(delivery.userPoolId()).isEqualTo("us-east-1_abcdefghi");
        assertThat(delivery.toString()).contains(event.id(), "CustomMessage_SignUp", "a***@example.com")
                .doesNotContain("alice@").doesNotContain("c2VhbGVk").doesNotContain("Code");
    }

    @Test
    void rejectsAnUnknownMediumAndAMissingSecret() {
        CloudEvent fax = CloudEvent.of(MessageEvents.CODE_REQUESTED, CloudEvent.userPoolSource("p"), "s",
                request("FAX", "+15550001111", "c2VhbGVk"));
        CloudEvent noSecret = CloudEvent.of(MessageEvents.INVITATION_REQUESTED, CloudEvent.userPoolSource("p"), "s",
                request("SMS", "+15550001111", null));

        assertThatThrownBy(() -> DeliveryRequest.of(fax)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unknown medium FAX");
        assertThatThrownBy(() -> DeliveryRequest.of(noSecret)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("has no sealedSecret");
    }

    @Test
    void readsACustomSenderRequestWithoutASealedSecretOrTextAndNamesItByTheSendersTriggerSource() {
        CloudEvent event = CloudEvent.of(MessageEvents.CODE_REQUESTED, CloudEvent.userPoolSource("us-east-1_abcdefghi"), "sub-1",
                customSenderRequest("EMAIL", "CustomEmailSender", "https://functions.example.com/sender", "eyJhbGciOi.x.y.z.w"));

        DeliveryRequest delivery = DeliveryRequest.of(event);

        assertThat(delivery.toCustomSender()).isTrue();
        assertThat(delivery.purpose()).isEqualTo("CustomEmailSender_SignUp");
        assertThat(delivery.toString()).contains("CustomEmailSender_SignUp", "a***@example.com").doesNotContain("eyJhbGciOi");
    }

    @Test
    void rejectsACustomSenderRequestWithoutTargetOrCodeOrForTheOtherMedium() {
        CloudEvent noTarget = CloudEvent.of(MessageEvents.CODE_REQUESTED, CloudEvent.userPoolSource("p"), "s",
                customSenderRequest("EMAIL", "CustomEmailSender", null, "jwe"));
        CloudEvent noCode = CloudEvent.of(MessageEvents.CODE_REQUESTED, CloudEvent.userPoolSource("p"), "s",
                customSenderRequest("EMAIL", "CustomEmailSender", "https://functions.example.com/sender", null));
        CloudEvent otherMedium = CloudEvent.of(MessageEvents.CODE_REQUESTED, CloudEvent.userPoolSource("p"), "s",
                customSenderRequest("SMS", "CustomEmailSender", "https://functions.example.com/sender", "jwe"));
        CloudEvent unknownSender = CloudEvent.of(MessageEvents.CODE_REQUESTED, CloudEvent.userPoolSource("p"), "s",
                customSenderRequest("EMAIL", "CustomPigeonSender", "https://functions.example.com/sender", "jwe"));

        assertThatThrownBy(() -> DeliveryRequest.of(noTarget)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("has no customSender.target");
        assertThatThrownBy(() -> DeliveryRequest.of(noCode)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("encrypted request.code");
        assertThatThrownBy(() -> DeliveryRequest.of(otherMedium)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("hands a SMS message to CustomEmailSender");
        assertThatThrownBy(() -> DeliveryRequest.of(unknownSender)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("names custom sender CustomPigeonSender");
    }

    private static DeliveryRequested customSenderRequest(String medium, String trigger, String target, String code) {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("version", "1").put("triggerSource", trigger + "_SignUp");
        ObjectNode request = event.putObject("request").put("type", "customEmailSenderRequestV1");
        if (code != null) {
            request.put("code", code);
        }
        return new DeliveryRequested("us-east-1_abcdefghi", "sub-1", "alice", "CustomMessage_SignUp", medium, "alice@example.com",
                null, null, null, null, null, new MessageEvents.CustomSender(trigger, target, "arn:aws:kms:us-east-1:123456789012:key/k1", event));
    }

    @Test
    void masksEmailAddressesAndPhoneNumbers() {
        assertThat(Medium.EMAIL.mask("jane.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(Medium.EMAIL.mask("not-an-address")).isEqualTo("***");
        assertThat(Medium.SMS.mask("+14155550123")).isEqualTo("********0123");
        assertThat(Medium.SMS.mask("+12")).isEqualTo("**2");
    }
}
