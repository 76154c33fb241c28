package dev.cognate.triggers.domain;

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
    void masksEmailAddressesAndPhoneNumbers() {
        assertThat(Medium.EMAIL.mask("jane.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(Medium.EMAIL.mask("not-an-address")).isEqualTo("***");
        assertThat(Medium.SMS.mask("+14155550123")).isEqualTo("********0123");
        assertThat(Medium.SMS.mask("+12")).isEqualTo("**2");
    }
}
