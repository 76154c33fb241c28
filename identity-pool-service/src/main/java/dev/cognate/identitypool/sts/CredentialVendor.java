package dev.cognate.identitypool.sts;

import dev.cognate.identitypool.config.CognateConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Cognate's own STS as credential vendor (the built-in one): a fresh {@code ASIA…} access key id and secret per call,
 * and a session token that carries them, sealed ({@link SessionTokens}), valid for {@code cognate.credentials.duration}.
 */
@ApplicationScoped
public class CredentialVendor {

    private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What GetCredentialsForIdentity returns. */
    public record VendedCredentials(SessionCredentials credentials, String sessionToken) {
    }

    private final SessionTokens tokens;
    private final CognateConfig config;
    private final Clock clock;

    public CredentialVendor(SessionTokens tokens, CognateConfig config, Clock clock) {
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    /** Credentials of the enhanced flow (GetCredentialsForIdentity): session {@code CognitoIdentityCredentials}, the configured lifetime. */
    public VendedCredentials vend(String identityId, String roleArn) {
        return vend(identityId, roleArn, AssumedRole.SESSION_NAME, config.credentials().duration());
    }

    public VendedCredentials vend(String identityId, String roleArn, String sessionName, Duration lifetime) {
        Instant expiration = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(lifetime);
        SessionCredentials credentials = new SessionCredentials(accessKeyId(), secretAccessKey(), identityId, roleArn, sessionName,
                expiration);
        return new VendedCredentials(credentials, tokens.seal(credentials));
    }

    /** {@code ASIA} and 16 characters of base32, the shape of AWS's temporary access key ids. */
    private static String accessKeyId() {
        StringBuilder id = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            id.append(KEY_ID_ALPHABET[RANDOM.nextInt(KEY_ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** 40 characters from 30 random bytes, the length of AWS's secret access keys. */
    private static String secretAccessKey() {
        byte[] secret = new byte[30];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
