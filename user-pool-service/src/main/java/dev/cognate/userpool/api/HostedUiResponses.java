package dev.cognate.userpool.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cognate.userpool.auth.HostedSignIn;
import dev.cognate.userpool.domain.CodeDeliveryDetails;
import dev.cognate.userpool.service.SignUpService;

import java.util.List;

/** The answers of the hosted login's internal API ({@link InternalHostedUiResource}), in the shared contract's shapes. */
final class HostedUiResponses {

    private HostedUiResponses() {
    }

    /**
     * sign-in and new-password: {@code SIGNED_IN} with {@code sub}, {@code username} (as stored) and {@code authTime}
     * (epoch seconds), or {@code NEW_PASSWORD_REQUIRED} with {@code session}, {@code username} and
     * {@code requiredAttributes}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignInAnswer(String result, String sub, String username, Long authTime, String session, List<String> requiredAttributes) {

        static SignInAnswer of(HostedSignIn.Outcome outcome) {
            if (HostedSignIn.Outcome.SIGNED_IN.equals(outcome.result())) {
                return new SignInAnswer(outcome.result(), outcome.user().sub().toString(), outcome.user().username(),
                        outcome.authTime().getEpochSecond(), null, null);
            }
            return new SignInAnswer(outcome.result(), null, outcome.user().username(), null, outcome.session(), outcome.requiredAttributes());
        }
    }

    /** Cognito's {@code CodeDeliveryDetailsType}, with its wire member names. */
    record CodeDelivery(@JsonProperty("Destination") String destination, @JsonProperty("DeliveryMedium") String deliveryMedium,
                        @JsonProperty("AttributeName") String attributeName) {

        static CodeDelivery of(CodeDeliveryDetails details) {
            return details == null ? null : new CodeDelivery(details.destination(), details.deliveryMedium(), details.attributeName());
        }
    }

    /** sign-up: {@code codeDeliveryDetails} null when the pool sent no code. */
    record SignUpAnswer(boolean userConfirmed, String userSub, CodeDelivery codeDeliveryDetails) {

        static SignUpAnswer of(SignUpService.SignedUp signedUp) {
            return new SignUpAnswer(false, signedUp.user().sub().toString(), CodeDelivery.of(signedUp.delivery()));
        }
    }

    /** resend-code and forgot-password. */
    record CodeDeliveryAnswer(CodeDelivery codeDeliveryDetails) {

        static CodeDeliveryAnswer of(CodeDeliveryDetails details) {
            return new CodeDeliveryAnswer(CodeDelivery.of(details));
        }
    }
}
