package dev.cognate.hostedui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The answer of {@code sign-in} and {@code new-password}: {@code SIGNED_IN} with the user, or
 * {@code NEW_PASSWORD_REQUIRED} with an opaque session and the required attributes the user still lacks.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignInResult(String result, String sub, String username, Long authTime, String session,
                           List<String> requiredAttributes) {

    public static final String SIGNED_IN = "SIGNED_IN";
    public static final String NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED";

    public SignInResult {
        requiredAttributes = requiredAttributes == null ? List.of() : List.copyOf(requiredAttributes);
    }

    public boolean signedIn() {
        return SIGNED_IN.equals(result);
    }

    /** {@code authTime}, or now when user-pool-service left it out (it authenticated the user just now). */
    public long authTimeOrNow() {
        return authTime != null ? authTime : java.time.Instant.now().getEpochSecond();
    }

    public boolean newPasswordRequired() {
        return NEW_PASSWORD_REQUIRED.equals(result);
    }
}
