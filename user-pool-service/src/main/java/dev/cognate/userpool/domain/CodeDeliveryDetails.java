package dev.cognate.userpool.domain;

/**
 * Cognito's {@code CodeDeliveryDetailsType}: where a code went, the destination masked as Cognito masks it
 * ({@code a***@e***} for {@code alice@example.com}, {@code +*******0100} for {@code +15555550100}).
 *
 * @param deliveryMedium {@code EMAIL} or {@code SMS}
 * @param attributeName  {@code email} or {@code phone_number}
 */
public record CodeDeliveryDetails(String destination, String deliveryMedium, String attributeName) {

    /** The details of a code sent to {@code value}, the user's {@code attribute} ({@code email} or {@code phone_number}). */
    public static CodeDeliveryDetails to(String attribute, String value) {
        return SignInIdentifiers.EMAIL.equals(attribute)
                ? new CodeDeliveryDetails(maskEmail(value), "EMAIL", SignInIdentifiers.EMAIL)
                : new CodeDeliveryDetails(maskPhone(value), "SMS", SignInIdentifiers.PHONE_NUMBER);
    }

    /** The medium a code to {@code attribute} is sent by. */
    public static String mediumOf(String attribute) {
        return SignInIdentifiers.EMAIL.equals(attribute) ? "EMAIL" : "SMS";
    }

    /** {@code alice@example.com} → {@code a***@e***}: the first character of the local part and of the domain. */
    static String maskEmail(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return first(email) + "***";
        }
        return first(email) + "***@" + first(email.substring(at + 1)) + "***";
    }

    /** {@code +15555550100} → {@code +*******0100}: the plus sign and the last four digits. */
    static String maskPhone(String phone) {
        String digits = phone.startsWith("+") ? phone.substring(1) : phone;
        int shown = Math.min(4, digits.length());
        return (phone.startsWith("+") ? "+" : "") + "*".repeat(digits.length() - shown) + digits.substring(digits.length() - shown);
    }

    private static String first(String text) {
        return text.isEmpty() ? "" : text.substring(0, text.offsetByCodePoints(0, 1));
    }
}
