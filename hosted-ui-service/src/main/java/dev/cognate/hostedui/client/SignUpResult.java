package dev.cognate.hostedui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of {@code sign-up}; {@code codeDeliveryDetails} is null when nothing was sent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignUpResult(boolean userConfirmed, String userSub, CodeDeliveryDetails codeDeliveryDetails) {
}
