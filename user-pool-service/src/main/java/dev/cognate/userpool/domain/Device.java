package dev.cognate.userpool.domain;

import dev.cognate.awsprotocol.CognitoException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * A confirmed device of a user (ConfirmDevice): its key ({@code {region}_{uuid}}), group key, SRP verifier (sealed) and
 * salt (hex), name, remembered status, dates and the address of its last sign-in.
 */
public record Device(String userPoolId, String deviceKey, UUID sub, String deviceGroupKey, byte[] sealedVerifier, String saltHex,
                     String deviceName, boolean remembered, Instant createdAt, Instant modifiedAt, Instant lastAuthenticatedAt,
                     String lastIp) {

    public static final String REMEMBERED = "remembered";
    public static final String NOT_REMEMBERED = "not_remembered";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERICS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** A new device key as Cognito's: the region, an underscore and a random UUID. */
    public static String newKey(String region) {
        return region + "_" + UUID.randomUUID();
    }

    /** A new device group key as Cognito's: a dash and 9 random alphanumerics (the device SRP's "pool name"). */
    public static String newGroupKey() {
        StringBuilder key = new StringBuilder("-");
        for (int i = 0; i < 9; i++) {
            key.append(ALPHANUMERICS.charAt(RANDOM.nextInt(ALPHANUMERICS.length())));
        }
        return key.toString();
    }

    /** The context the verifier is sealed under: bound to the pool and the device key. */
    public static String verifierContext(String poolId, String deviceKey) {
        return "device-verifier/" + poolId + "/" + deviceKey;
    }

    public String rememberedStatus() {
        return remembered ? REMEMBERED : NOT_REMEMBERED;
    }

    /** Cognito's answer for a device key that names no device of the user. */
    public static CognitoException notFound() {
        return CognitoException.resourceNotFound("Device does not exist.");
    }
}
