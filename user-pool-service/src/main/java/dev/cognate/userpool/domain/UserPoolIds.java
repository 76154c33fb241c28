package dev.cognate.userpool.domain;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** User pool ids as Cognito's: {@code <region>_<9 alphanumerics>}, so SDKs can derive the region from them. */
public final class UserPoolIds {

    public static final Pattern PATTERN = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private UserPoolIds() {
    }

    public static String newId(String region) {
        StringBuilder id = new StringBuilder(region).append('_');
        for (int i = 0; i < 9; i++) {
            id.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }
}
