package dev.cognate.tokens;

import java.util.Locale;

/**
 * What computes RSA signatures ({@code RS256}, {@code RS384}, {@code RS512}): the JDK ({@code java}), or the system's
 * OpenSSL libcrypto 3 ({@code native}, {@link OpenSslRsa}), which needs about a third of the JDK's CPU per signature.
 * Both give the same bytes: RSASSA-PKCS1-v1_5 is deterministic. {@code PS256} (randomised) stays with the JDK either way.
 */
public enum RsaImplementation {
    JAVA, NATIVE;

    /**
     * The value of a service's configuration key ({@code cognate.tokens.rsa-implementation}), {@code native} or
     * {@code java}; anything else is refused with a message naming the key.
     */
    public static RsaImplementation parse(String configKey, String value) {
        if (value != null) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "native" -> {
                    return NATIVE;
                }
                case "java" -> {
                    return JAVA;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException(configKey + " must be native or java, not " + value);
    }

    /**
     * Checks at start-up that this implementation can sign here: for {@link #NATIVE}, that libcrypto loads and signs as
     * the JDK does; otherwise a message that says what to install or which key to set. A machine never signs slower
     * unnoticed.
     */
    public RsaImplementation requireAvailable(String configKey) {
        if (this == NATIVE) {
            OpenSslRsa.requireAvailable(configKey);
        }
        return this;
    }
}
