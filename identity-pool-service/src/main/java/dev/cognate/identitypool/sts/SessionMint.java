package dev.cognate.identitypool.sts;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

/**
 * Mints the credentials of Cognate's own STS: a fresh {@code ASIA…} access key id and secret per call, and a session
 * token that carries them with the identity, role, issue time and principal tags, sealed ({@link SessionTokens}).
 */
@ApplicationScoped
public class SessionMint {

    private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Credentials and the session token that carries them. */
    public record Minted(SessionCredentials credentials, String sessionToken) {
        public VendedCredentials vended() {
            return new VendedCredentials(credentials.identityId(), credentials.accessKeyId(), credentials.secretAccessKey(), sessionToken,
                    credentials.expiration());
        }
    }

    private final SessionTokens tokens;
    private final Clock clock;

    public SessionMint(SessionTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    public Minted mint(String identityId, String roleArn, String sessionName, Duration lifetime, Map<String, String> principalTags) {
        Instant now = clock.instant();
        Instant expiration = now.truncatedTo(ChronoUnit.SECONDS).plus(lifetime);
        SessionCredentials credentials = new SessionCredentials(accessKeyId(), secretAccessKey(), identityId, roleArn, sessionName,
                expiration, now.truncatedTo(ChronoUnit.MILLIS), principalTags);
        return new Minted(credentials, tokens.seal(credentials));
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
