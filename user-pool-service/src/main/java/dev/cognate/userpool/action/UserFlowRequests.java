package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.CodeDeliveryDetails;

import java.util.regex.Pattern;

/**
 * Constraints and wire shapes shared by the unauthenticated user flows (SignUp, ConfirmSignUp,
 * ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword), as in the API reference — and by the hosted login's
 * internal API, which checks its members by the same rules.
 */
public final class UserFlowRequests {

    static final Pattern CLIENT_ID = Pattern.compile("[\\w+]+");
    static final Pattern SECRET_HASH = Pattern.compile("[\\w+=/]+");
    static final Pattern CONFIRMATION_CODE = Pattern.compile("[\\S]+");

    /** {@code UserContextDataType}: accepted; Cognate has no threat protection to feed it to yet. */
    public record UserContextDataType(String ipAddress, String encodedData) {
    }

    /** {@code AnalyticsMetadataType}: accepted and ignored (no Pinpoint). */
    public record AnalyticsMetadataType(String analyticsEndpointId) {
    }

    /** {@code CodeDeliveryDetailsType}. */
    public record CodeDeliveryDetailsType(String destination, String deliveryMedium, String attributeName) {

        static CodeDeliveryDetailsType of(CodeDeliveryDetails details) {
            return details == null ? null : new CodeDeliveryDetailsType(details.destination(), details.deliveryMedium(), details.attributeName());
        }
    }

    /** An answer with only where a code went (ResendConfirmationCode, ForgotPassword). */
    public record CodeDeliveryResponse(CodeDeliveryDetailsType codeDeliveryDetails) {
    }

    private UserFlowRequests() {
    }

    /** The app client, its optional {@code SecretHash}, and the username every flow names. */
    static Validation flow(String clientId, String secretHash, String username) {
        Validation validation = Validation.of()
                .required("clientId", clientId)
                .length("clientId", clientId, 1, 128)
                .pattern("clientId", clientId, CLIENT_ID)
                .length("secretHash", secretHash, 1, 128)
                .pattern("secretHash", secretHash, SECRET_HASH);
        return username(validation, username);
    }

    /** {@code UsernameType}: 1–128 characters of letters, marks, symbols, numbers and punctuation. */
    public static Validation username(Validation validation, String username) {
        return validation.required("username", username)
                .length("username", username, 1, 128)
                .pattern("username", username, UserRequests.USERNAME);
    }

    public static Validation confirmationCode(Validation validation, String code) {
        return code(validation, "confirmationCode", code);
    }

    /** {@code ConfirmationCodeType} under the member name {@code member}: 1–2048 characters without whitespace. */
    public static Validation code(Validation validation, String member, String code) {
        return validation.required(member, code)
                .length(member, code, 1, 2048)
                .pattern(member, code, CONFIRMATION_CODE);
    }
}
