package dev.cognate.hostedui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Cognito's {@code CodeDeliveryDetailsType}: where a code was sent, masked ({@code a***@e***}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CodeDeliveryDetails(@JsonProperty("Destination") String destination,
                                  @JsonProperty("DeliveryMedium") String deliveryMedium,
                                  @JsonProperty("AttributeName") String attributeName) {
}
