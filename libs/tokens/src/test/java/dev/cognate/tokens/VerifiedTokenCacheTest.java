package dev.cognate.tokens;

import dev.cognate.tokens.TokenRejectedException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verified-token cache: a token seen again skips parsing and the signature but never the claim checks, never
 * outlives its key (a key set without the kid refuses it at once), and a forged token is never taken for a cached one.
 */
class VerifiedTokenCacheTest {

    private static final String ISSUER = "https://cognito-idp.example.test/eu-west-1_Abc123";
    private static final String HEADER = "{\"kid\":\"k1\",\"alg\":\"RS256\"}";

    private static KeyPair rsa;
    private static KeyPair attacker;

    private final MovableClock clock = new MovableClock();
    private final AtomicReference<PublicKeys> published = new AtomicReference<>();
    private final VerifiedTokenCache cache = new VerifiedTokenCache(JwtVerifier.allowing(SigningAlgorithm.RS256), 100);
    private final Function<String, VerifiedTokenCache.Verification> forIssuer = iss -> ISSUER.equals(iss)
            ? new VerifiedTokenCache.Verification(JwksSource.of(published.get()), ClaimChecks.issuedBy(ISSUER).tokenUse("access").clock(clock))
            : null;

    @BeforeAll
    static void keys() {
        rsa = Forge.rsa(2048);
        attacker = Forge.rsa(2048);
    }

    private static PublicKeys keySet(String... kids) {
        return PublicKeys.ofJwks(java.util.Arrays.stream(kids).map(kid -> PublicJwk.of(kid, SigningAlgorithm.RS256, rsa.getPublic())).toList());
    }

    private String token(String iss, long expiresIn) {
        long now = clock.instant().getEpochSecond();
        return Forge.rs256(HEADER, "{\"sub\":\"s1\",\"iss\":\"" + iss + "\",\"token_use\":\"access\",\"iat\":" + now + ",\"exp\":"
                + (now + expiresIn) + "}", rsa.getPrivate());
    }

    private VerifiedJwt verify(String token) {
        try {
            return cache.verify(token, forIssuer).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private void assertRefused(String token, Reason reason) {
        assertThatThrownBy(() -> verify(token)).isInstanceOfSatisfying(TokenRejectedException.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    @Test
    void aTokenSeenAgainWithTheSameKeysIsAnsweredFromTheCache() {
        published.set(keySet("k1"));
        String token = token(ISSUER, 3600);
        VerifiedJwt first = verify(token);
        assertThat(first.string("sub")).isEqualTo("s1");
        assertThat(verify(token)).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void theClaimsAreCheckedOnEveryHit() {
        published.set(keySet("k1"));
        String token = token(ISSUER, 60);
        verify(token);
        clock.advance(Duration.ofSeconds(60));
        assertRefused(token, Reason.EXPIRED);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aRemovedKeyStopsItsCachedTokensAtOnce() {
        published.set(keySet("k1"));
        String token = token(ISSUER, 3600);
        verify(token);
        published.set(keySet("k2"));
        assertRefused(token, Reason.UNKNOWN_KID);
    }

    @Test
    void aReloadedKeySetVerifiesTheTokenAgain() {
        published.set(keySet("k1"));
        String token = token(ISSUER, 3600);
        VerifiedJwt first = verify(token);
        published.set(keySet("k1"));
        VerifiedJwt again = verify(token);
        assertThat(again).isNotSameAs(first);
        assertThat(verify(token)).isSameAs(again);
    }

    @Test
    void aForgedSignatureIsNeverTakenForTheCachedToken() {
        published.set(keySet("k1"));
        String genuine = token(ISSUER, 3600);
        verify(genuine);
        String payload = genuine.split("\\.")[1];
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1)
                + Forge.B64.encodeToString(Forge.sign(Forge.b64(HEADER) + "." + payload, "SHA256withRSA", attacker.getPrivate()));
        assertRefused(forged, Reason.BAD_SIGNATURE);
        assertRefused(genuine.substring(0, genuine.length() - 2), Reason.BAD_SIGNATURE);
        assertThat(verify(genuine).string("sub")).isEqualTo("s1");
    }

    @Test
    void theIssuerIsJudgedOnEveryHit() {
        published.set(keySet("k1"));
        String token = token(ISSUER, 3600);
        verify(token);
        VerifiedTokenCache.Verification otherIssuer = new VerifiedTokenCache.Verification(JwksSource.of(published.get()),
                ClaimChecks.issuedBy(ISSUER + "x").clock(clock));
        assertThatThrownBy(() -> cache.verify(token, iss -> otherIssuer).toCompletableFuture().join())
                .hasCauseInstanceOf(TokenRejectedException.class).cause()
                .satisfies(cause -> assertThat(((TokenRejectedException) cause).reason()).isEqualTo(Reason.WRONG_ISSUER));
        assertThatThrownBy(() -> cache.verify(token, iss -> null).toCompletableFuture().join())
                .cause().satisfies(cause -> assertThat(((TokenRejectedException) cause).reason()).isEqualTo(Reason.WRONG_ISSUER));
        assertRefused(token(ISSUER + "/other", 3600), Reason.WRONG_ISSUER);
    }

    @Test
    void garbageIsRefusedAsTheVerifierRefusesIt() {
        published.set(keySet("k1"));
        assertRefused("", Reason.MALFORMED);
        assertRefused("a.b", Reason.MALFORMED);
        assertRefused("x".repeat(JwtVerifier.MAX_TOKEN_LENGTH + 1), Reason.MALFORMED);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheStaysWithinItsBound() {
        published.set(keySet("k1"));
        VerifiedTokenCache small = new VerifiedTokenCache(JwtVerifier.allowing(SigningAlgorithm.RS256), 2);
        for (int i = 0; i < 5; i++) {
            String token = token(ISSUER, 3600 + i);
            small.verify(token, forIssuer).toCompletableFuture().join();
            assertThat(small.size()).isLessThanOrEqualTo(2);
        }
    }
}
