package dev.cognate.userpool.domain;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Client ids (26 lowercase alphanumerics, as Cognito's) and client secrets, from a CSPRNG. */
public final class AppClientIds {

    /** ClientIdType of the API reference. */
    public static final Pattern CLIENT_ID = Pattern.compile("[\\w+]+");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** 52 characters of a 36-letter alphabet: 268 bits, like Cognito's 51–52 character secrets. */
    private static final int SECRET_LENGTH = 52;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AppClientIds() {
    }

    public static String newClientId() {
        return random(26);
    }

    public static String newSecret() {
        return random(SECRET_LENGTH);
    }

    private static String random(int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return value.toString();
    }
}
