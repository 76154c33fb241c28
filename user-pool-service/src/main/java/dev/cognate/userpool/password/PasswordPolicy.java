package dev.cognate.userpool.password;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognate.awsprotocol.CognitoException;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A pool's {@code Policies.PasswordPolicy}: Cognito's checks and messages for new passwords, and the
 * temporary passwords it generates (AdminCreateUser without {@code TemporaryPassword}).
 */
public record PasswordPolicy(int minimumLength, boolean requireUppercase, boolean requireLowercase, boolean requireNumbers,
                             boolean requireSymbols, int temporaryPasswordValidityDays, int passwordHistorySize) {

    /** The characters Cognito counts as symbols. */
    public static final String SYMBOLS = "^$*.[]{}()?-\"!@#%&/\\,><':;|_~`+=";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String GENERATED_SYMBOLS = "!#%*+-=?@^_";
    private static final int GENERATED_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The policy in a pool's settings (Cognito's defaults for members it does not hold). */
    public static PasswordPolicy of(JsonNode settings) {
        JsonNode policy = settings.path("Policies").path("PasswordPolicy");
        return new PasswordPolicy(policy.path("MinimumLength").asInt(8),
                policy.path("RequireUppercase").asBoolean(false),
                policy.path("RequireLowercase").asBoolean(false),
                policy.path("RequireNumbers").asBoolean(false),
                policy.path("RequireSymbols").asBoolean(false),
                policy.path("TemporaryPasswordValidityDays").asInt(7),
                policy.path("PasswordHistorySize").asInt(0));
    }

    /** Refuses a password that breaks the policy with Cognito's {@code InvalidPasswordException} and its first failing rule. */
    public void check(String password) {
        String problem = problem(password);
        if (problem != null) {
            throw new CognitoException("InvalidPasswordException", "Password did not conform with policy: " + problem);
        }
    }

    /** The first rule {@code password} breaks, in Cognito's words, or {@code null}. */
    String problem(String password) {
        if (password.codePointCount(0, password.length()) < minimumLength) {
            return "Password not long enough";
        }
        if (requireLowercase && password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            return "Password must have lowercase characters";
        }
        if (requireUppercase && password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            return "Password must have uppercase characters";
        }
        if (requireNumbers && password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            return "Password must have numeric characters";
        }
        if (requireSymbols && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            return "Password must have symbol characters";
        }
        return null;
    }

    /** A random password this policy accepts, with every character class, of at least 16 characters. */
    public String generateTemporaryPassword() {
        int length = Math.max(GENERATED_LENGTH, minimumLength);
        List<Character> chars = new ArrayList<>(length);
        chars.add(pick(UPPER));
        chars.add(pick(LOWER));
        chars.add(pick(DIGITS));
        chars.add(pick(GENERATED_SYMBOLS));
        String all = UPPER + LOWER + DIGITS + GENERATED_SYMBOLS;
        while (chars.size() < length) {
            chars.add(pick(all));
        }
        Collections.shuffle(chars, RANDOM);
        StringBuilder password = new StringBuilder(length);
        chars.forEach(password::append);
        return password.toString();
    }

    private static char pick(String alphabet) {
        return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
}
