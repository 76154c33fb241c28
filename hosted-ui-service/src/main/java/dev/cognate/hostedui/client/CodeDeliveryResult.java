package dev.cognate.hostedui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of {@code resend-code} and {@code forgot-password}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CodeDeliveryResult(CodeDeliveryDetails codeDeliveryDetails) {
}
