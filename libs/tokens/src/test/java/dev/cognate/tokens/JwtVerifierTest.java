package dev.cognate.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.cognate.tokens.TokenRejectedException.Reason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The negative corpus: every way a token can be forged or wrong, each with the exact reason it is refused, and the
 * few ways it is right. Tokens are made by hand with the JDK (not by the code under test) unless they must be valid.
 */
class JwtVerifierTest {

    private static final String ISSUER = "https://cognito-idp.example.test/eu-west-1_Abc123";
    private static final String KID = "k1";
    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long T = NOW.getEpochSecond();
    private static final String HEADER = "{\"kid\":\"k1\",\"alg\":\"RS256\"}";

    private static KeyPair rsa;
    private static KeyPair attacker;
    private static KeyPair ec256;
    private static PublicKeys keys;
    private static HttpServer trap;
    private static final AtomicInteger trapHits = new AtomicInteger();

    private final JwtVerifier rs256Only = JwtVerifier.allowing(SigningAlgorithm.RS256);
    private final ClaimChecks accessChecks = ClaimChecks.issuedBy(ISSUER).tokenUse("access").clock(CLOCK);

    @BeforeAll
    static void keys() throws Exception {
        rsa = Forge.rsa(2048);
        attacker = Forge.rsa(2048);
        ec256 = Forge.ec("secp256r1");
        keys = PublicKeys.ofJwks(List.of(
                PublicJwk.of(KID, SigningAlgorithm.RS256, rsa.getPublic()),
                plain(PublicJwk.of("rsa-any", SigningAlgorithm.RS256, rsa.getPublic())),
                PublicJwk.of("rs512", SigningAlgorithm.RS512, rsa.getPublic()),
                PublicJwk.of("ec", SigningAlgorithm.ES256, ec256.getPublic())));
        trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        trap.createContext("/", exchange -> {
            trapHits.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        trap.start();
    }

    @AfterAll
    static void stop() {
        trap.stop(0);
    }

    /** The JWK without its {@code alg} member: then only its type decides which algorithms it may verify. */
    private static ObjectNode plain(ObjectNode jwk) {
        jwk.remove("alg");
        return jwk;
    }

    private static String claims(String extra) {
        return "{\"sub\":\"u1\",\"iss\":\"" + ISSUER + "\",\"token_use\":\"access\",\"client_id\":\"c1\",\"exp\":" + (T + 3600)
                + ",\"iat\":" + (T - 10) + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String validToken() {
        return Forge.rs256(HEADER, claims(""), rsa.getPrivate());
    }

    private VerifiedJwt verify(JwtVerifier verifier, String token, ClaimChecks checks) {
        try {
            return verifier.verify(token, JwksSource.of(keys), checks).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private VerifiedJwt verify(String token) {
        return verify(rs256Only, token, accessChecks);
    }

    private static void rejected(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TokenRejectedException.class,
                rejected -> assertThat(rejected.reason()).as(rejected.getMessage()).isEqualTo(reason));
    }

    @Test
    void acceptsAWellSignedTokenAndKeepsItsClaimsInOrder() {
        VerifiedJwt verified = verify(validToken());
        assertThat(verified.algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(verified.kid()).isEqualTo(KID);
        assertThat(verified.string("sub")).isEqualTo("u1");
        assertThat(verified.claims().fieldNames()).toIterable().containsExactly("sub", "iss", "token_use", "client_id", "exp", "iat");
    }

    @Test
    void refusesAlgNoneInEveryForm() {
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String header = "{\"kid\":\"k1\",\"alg\":\"" + alg + "\"}";
            rejected(() -> verify(Forge.b64(header) + "." + Forge.b64(claims("")) + "."), Reason.ALGORITHM_NOT_ALLOWED);
            String withSignature = Forge.b64(header) + "." + Forge.b64(claims("")) + "." + validToken().split("\\.")[2];
            rejected(() -> verify(withSignature), Reason.ALGORITHM_NOT_ALLOWED);
        }
        rejected(() -> verify(Forge.b64("{\"kid\":\"k1\"}") + "." + Forge.b64(claims("")) + ".c2ln"), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesHs256SignedWithThePublishedRsaKey() {
        String header = "{\"kid\":\"k1\",\"alg\":\"HS256\"}";
        // the classic confusion: the "secret" is the public key as a verifier might hold it (DER, or its JWK text)
        rejected(() -> verify(Forge.hs256(header, claims(""), rsa.getPublic().getEncoded())), Reason.ALGORITHM_NOT_ALLOWED);
        byte[] jwkText = PublicJwk.of(KID, SigningAlgorithm.RS256, rsa.getPublic()).toString().getBytes();
        rejected(() -> verify(Forge.hs256(header, claims(""), jwkText)), Reason.ALGORITHM_NOT_ALLOWED);
        // whatever the allow-list: HMAC is not an algorithm the library knows
        JwtVerifier everything = JwtVerifier.allowing(SigningAlgorithm.RS256, SigningAlgorithm.values());
        rejected(() -> verify(everything, Forge.hs256(header, claims(""), jwkText), accessChecks), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesAKidNoKeyHasAndAsksTheSourceOnceMore() {
        AtomicInteger asked = new AtomicInteger();
        JwksSource counting = new JwksSource() {
            @Override
            public java.util.concurrent.CompletionStage<PublicKeys> keys() {
                return java.util.concurrent.CompletableFuture.completedFuture(keys);
            }

            @Override
            public java.util.concurrent.CompletionStage<PublicKeys> keysAfterUnknownKid(String kid) {
                asked.incrementAndGet();
                return keys();
            }
        };
        String token = Forge.rs256("{\"kid\":\"k2\",\"alg\":\"RS256\"}", claims(""), rsa.getPrivate());
        rejected(() -> {
            try {
                rs256Only.verify(token, counting, accessChecks).toCompletableFuture().join();
            } catch (CompletionException e) {
                throw e.getCause();
            }
        }, Reason.UNKNOWN_KID);
        assertThat(asked).hasValue(1);
    }

    @Test
    void treatsTrickKidsAsOpaqueUnknownNames() {
        for (String kid : List.of("../../../../../../dev/null", "k1' OR '1'='1", "k1; DROP TABLE signing_keys; --", "k1\\u0000",
                " k1", "k1 ", "K1", "/etc/passwd", "http://127.0.0.1:" + trap.getAddress().getPort() + "/k1")) {
            String header = "{\"kid\":\"" + kid + "\",\"alg\":\"RS256\"}";
            rejected(() -> verify(Forge.rs256(header, claims(""), rsa.getPrivate())), Reason.UNKNOWN_KID);
        }
        rejected(() -> verify(Forge.rs256("{\"kid\":1,\"alg\":\"RS256\"}", claims(""), rsa.getPrivate())), Reason.UNSUPPORTED_HEADER);
        rejected(() -> verify(Forge.rs256("{\"kid\":\"\",\"alg\":\"RS256\"}", claims(""), rsa.getPrivate())), Reason.UNSUPPORTED_HEADER);
        rejected(() -> verify(Forge.rs256("{\"alg\":\"RS256\"}", claims(""), rsa.getPrivate())), Reason.UNSUPPORTED_HEADER);
        assertThat(trapHits).hasValue(0);
    }

    @Test
    void ignoresKeysAndKeyUrlsTheTokenCarries() {
        String url = "http://127.0.0.1:" + trap.getAddress().getPort() + "/jwks.json";
        String attackerJwk = PublicJwk.of(KID, SigningAlgorithm.RS256, attacker.getPublic()).toString();
        for (String extra : List.of("\"jwk\":" + attackerJwk, "\"jku\":\"" + url + "\"", "\"x5u\":\"" + url + "\"",
                "\"x5c\":[\"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\"]")) {
            String header = "{\"kid\":\"k1\",\"alg\":\"RS256\"," + extra + "}";
            rejected(() -> verify(Forge.rs256(header, claims(""), attacker.getPrivate())), Reason.BAD_SIGNATURE);
            String unknownKid = "{\"kid\":\"attacker\",\"alg\":\"RS256\"," + extra + "}";
            rejected(() -> verify(Forge.rs256(unknownKid, claims(""), attacker.getPrivate())), Reason.UNKNOWN_KID);
            // the same header signed by the real key is fine: the extra members are ignored, not trusted
            assertThat(verify(Forge.rs256(header, claims(""), rsa.getPrivate())).kid()).isEqualTo(KID);
        }
        assertThat(trapHits).hasValue(0);
    }

    @Test
    void refusesHeadersItDoesNotProcess() {
        rejected(() -> verify(Forge.rs256("{\"kid\":\"k1\",\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}", claims(""),
                rsa.getPrivate())), Reason.UNSUPPORTED_HEADER);
        rejected(() -> verify(Forge.rs256("{\"kid\":\"k1\",\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"]}", claims(""),
                rsa.getPrivate())), Reason.UNSUPPORTED_HEADER);
    }

    @Test
    void refusesWrongIssuerAudienceAndTokenUse() {
        rejected(() -> verify(Forge.rs256(HEADER, claims("").replace(ISSUER, ISSUER + "x"), rsa.getPrivate())), Reason.WRONG_ISSUER);
        rejected(() -> verify(Forge.rs256(HEADER, claims("").replace(ISSUER, "https://evil.example.net/eu-west-1_Abc123"),
                rsa.getPrivate())), Reason.WRONG_ISSUER);
        rejected(() -> verify(Forge.rs256(HEADER, claims("").replace("\"iss\":\"" + ISSUER + "\",", ""), rsa.getPrivate())),
                Reason.WRONG_ISSUER);
        rejected(() -> verify(Forge.rs256(HEADER, claims("").replace("\"access\"", "\"id\""), rsa.getPrivate())), Reason.WRONG_TOKEN_USE);
        rejected(() -> verify(Forge.rs256(HEADER, claims("").replace("\"token_use\":\"access\",", ""), rsa.getPrivate())),
                Reason.WRONG_TOKEN_USE);

        ClaimChecks forClient = accessChecks.audience("c1");
        rejected(() -> verify(rs256Only, Forge.rs256(HEADER, claims("\"aud\":\"c2\""), rsa.getPrivate()), forClient), Reason.WRONG_AUDIENCE);
        rejected(() -> verify(rs256Only, validToken(), forClient), Reason.WRONG_AUDIENCE);
        rejected(() -> verify(rs256Only, Forge.rs256(HEADER, claims("\"aud\":[\"c2\",\"c3\"]"), rsa.getPrivate()), forClient),
                Reason.WRONG_AUDIENCE);
        assertThat(verify(rs256Only, Forge.rs256(HEADER, claims("\"aud\":\"c1\""), rsa.getPrivate()), forClient)).isNotNull();
        assertThat(verify(rs256Only, Forge.rs256(HEADER, claims("\"aud\":[\"c2\",\"c1\"]"), rsa.getPrivate()), forClient)).isNotNull();
    }

    @Test
    void refusesExpiredTokensToTheSecondUnlessExpiredOnesAreAccepted() {
        String expired = Forge.rs256(HEADER, claims("").replace("\"exp\":" + (T + 3600), "\"exp\":" + T), rsa.getPrivate());
        rejected(() -> verify(expired), Reason.EXPIRED);
        String lastSecond = Forge.rs256(HEADER, claims("").replace("\"exp\":" + (T + 3600), "\"exp\":" + (T + 1)), rsa.getPrivate());
        assertThat(verify(lastSecond)).isNotNull();
        assertThat(verify(rs256Only, expired, accessChecks.acceptingExpired())).isNotNull();

        rejected(() -> verify(Forge.rs256(HEADER, claims("").replace("\"exp\":" + (T + 3600) + ",", ""), rsa.getPrivate())),
                Reason.MISSING_CLAIM);
        rejected(() -> verify(Forge.rs256(HEADER, claims("").replace("\"exp\":" + (T + 3600), "\"exp\":\"" + (T + 3600) + "\""),
                rsa.getPrivate())), Reason.MISSING_CLAIM);
    }

    @Test
    void refusesTokensNotYetValidOrIssuedInTheFutureBeyondTheSkew() {
        long skew = ClaimChecks.DEFAULT_CLOCK_SKEW.toSeconds();
        rejected(() -> verify(Forge.rs256(HEADER, claims("\"nbf\":" + (T + skew + 1)), rsa.getPrivate())), Reason.NOT_YET_VALID);
        assertThat(verify(Forge.rs256(HEADER, claims("\"nbf\":" + (T + skew)), rsa.getPrivate()))).isNotNull();

        String future = claims("").replace("\"iat\":" + (T - 10), "\"iat\":" + (T + skew + 1));
        rejected(() -> verify(Forge.rs256(HEADER, future, rsa.getPrivate())), Reason.ISSUED_IN_FUTURE);
        String withinSkew = claims("").replace("\"iat\":" + (T - 10), "\"iat\":" + (T + skew));
        assertThat(verify(Forge.rs256(HEADER, withinSkew, rsa.getPrivate()))).isNotNull();
        rejected(() -> verify(Forge.rs256(HEADER, claims("").replace(",\"iat\":" + (T - 10), ""), rsa.getPrivate())), Reason.MISSING_CLAIM);
        assertThat(verify(rs256Only, Forge.rs256(HEADER, claims("").replace(",\"iat\":" + (T - 10), ""), rsa.getPrivate()),
                accessChecks.issuedAtOptional())).isNotNull();
    }

    @Test
    void refusesATamperedPayloadOrSignature() {
        String[] parts = validToken().split("\\.");
        String elevated = Forge.b64(claims("\"cognito:groups\":[\"admin\"]"));
        rejected(() -> verify(parts[0] + "." + elevated + "." + parts[2]), Reason.BAD_SIGNATURE);
        String otherSub = Forge.b64(claims("").replace("\"u1\"", "\"u2\""));
        rejected(() -> verify(parts[0] + "." + otherSub + "." + parts[2]), Reason.BAD_SIGNATURE);
        char last = parts[2].charAt(10);
        String flipped = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        rejected(() -> verify(parts[0] + "." + parts[1] + "." + flipped), Reason.BAD_SIGNATURE);
        rejected(() -> verify(Forge.rs256(HEADER, claims(""), attacker.getPrivate())), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesTruncatedAndMalformedTokens() {
        String token = validToken();
        String[] parts = token.split("\\.");
        rejected(() -> verify(parts[0] + "." + parts[1]), Reason.MALFORMED);
        rejected(() -> verify(parts[0] + "." + parts[1] + "."), Reason.MALFORMED);
        rejected(() -> verify(token.substring(0, token.length() - 8)), Reason.BAD_SIGNATURE);
        rejected(() -> verify(token + ".x.y"), Reason.MALFORMED);
        rejected(() -> verify(""), Reason.MALFORMED);
        rejected(() -> verify(null), Reason.MALFORMED);
        rejected(() -> verify("garbage"), Reason.MALFORMED);
        rejected(() -> verify("a.b.c"), Reason.MALFORMED);
        rejected(() -> verify(parts[0] + "." + parts[1] + ".!!!"), Reason.MALFORMED);
        rejected(() -> verify(parts[0] + "." + Forge.b64("[1,2]") + "." + parts[2]), Reason.MALFORMED);
        rejected(() -> verify(parts[0] + "." + Forge.b64("\"text\"") + "." + parts[2]), Reason.MALFORMED);
        rejected(() -> verify(Forge.b64("not json") + "." + parts[1] + "." + parts[2]), Reason.MALFORMED);
        String tooLong = Forge.rs256(HEADER, claims("\"pad\":\"" + "x".repeat(JwtVerifier.MAX_TOKEN_LENGTH) + "\""), rsa.getPrivate());
        rejected(() -> verify(tooLong), Reason.MALFORMED);
    }

    @Test
    void refusesDuplicateClaimsInsteadOfPickingOne() {
        String duplicated = claims("\"sub\":\"admin\"");
        rejected(() -> verify(Forge.rs256(HEADER, duplicated, rsa.getPrivate())), Reason.MALFORMED);
    }

    @Test
    void acceptsEs256Ps256AndRs512OnlyWhenAllowListed() {
        ObjectNode claims = (ObjectNode) Json.object(claims("").getBytes()).orElseThrow();
        String es256 = JwtSigner.of(SigningAlgorithm.ES256, "ec", ec256.getPrivate()).sign(claims);
        String ps256 = JwtSigner.of(SigningAlgorithm.PS256, "rsa-any", rsa.getPrivate()).sign(claims);
        String rs512 = JwtSigner.of(SigningAlgorithm.RS512, "rs512", rsa.getPrivate()).sign(claims);

        for (String token : List.of(es256, ps256, rs512)) {
            rejected(() -> verify(token), Reason.ALGORITHM_NOT_ALLOWED);
        }
        assertThat(verify(JwtVerifier.allowing(SigningAlgorithm.ES256), es256, accessChecks).algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(verify(JwtVerifier.allowing(SigningAlgorithm.PS256), ps256, accessChecks).algorithm()).isEqualTo(SigningAlgorithm.PS256);
        assertThat(verify(JwtVerifier.allowing(SigningAlgorithm.RS512), rs512, accessChecks).algorithm()).isEqualTo(SigningAlgorithm.RS512);
        rejected(() -> verify(JwtVerifier.allowing(SigningAlgorithm.ES256, SigningAlgorithm.PS256), rs512, accessChecks),
                Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesAKeyOfAnotherTypeOrAlgorithmThanTheTokenNames() {
        JwtVerifier broad = JwtVerifier.allowing(SigningAlgorithm.RS256, SigningAlgorithm.RS512, SigningAlgorithm.PS256,
                SigningAlgorithm.ES256, SigningAlgorithm.ES384);
        ObjectNode claims = (ObjectNode) Json.object(claims("").getBytes()).orElseThrow();
        // an ES256 token naming an RSA key, an RS256 token naming the EC key
        rejected(() -> verify(broad, JwtSigner.of(SigningAlgorithm.ES256, KID, ec256.getPrivate()).sign(claims), accessChecks),
                Reason.KEY_MISMATCH);
        rejected(() -> verify(broad, JwtSigner.of(SigningAlgorithm.RS256, "ec", rsa.getPrivate()).sign(claims), accessChecks),
                Reason.KEY_MISMATCH);
        // the JWK says RS256; an RS512 or PS256 signature by the same key is not accepted under its kid
        rejected(() -> verify(broad, JwtSigner.of(SigningAlgorithm.RS512, KID, rsa.getPrivate()).sign(claims), accessChecks),
                Reason.KEY_MISMATCH);
        rejected(() -> verify(broad, JwtSigner.of(SigningAlgorithm.PS256, KID, rsa.getPrivate()).sign(claims), accessChecks),
                Reason.KEY_MISMATCH);
        // a P-256 key does not verify ES384
        String es384Header = "{\"kid\":\"ec\",\"alg\":\"ES384\"}";
        rejected(() -> verify(broad, Forge.b64(es384Header) + "." + Forge.b64(claims("")) + ".c2lnbmF0dXJl", accessChecks),
                Reason.KEY_MISMATCH);
        // the header says PS256, the signature is RS256 by a key without alg: the signature fails
        String swapped = Forge.rs256("{\"kid\":\"rsa-any\",\"alg\":\"PS256\"}", claims(""), rsa.getPrivate());
        rejected(() -> verify(broad, swapped, accessChecks), Reason.BAD_SIGNATURE);
    }

    @Test
    void aKeySourceThatFailsIsKeysUnavailable() {
        JwksSource broken = () -> java.util.concurrent.CompletableFuture.failedFuture(new java.io.IOException("connection refused"));
        assertThatThrownBy(() -> rs256Only.verify(validToken(), broken, accessChecks).toCompletableFuture().join())
                .hasCauseInstanceOf(TokenRejectedException.class)
                .satisfies(e -> assertThat(((TokenRejectedException) e.getCause()).reason()).isEqualTo(Reason.KEYS_UNAVAILABLE));
        JwksSource throwing = () -> {
            throw new IllegalStateException("no database");
        };
        assertThatThrownBy(() -> rs256Only.verify(validToken(), throwing, accessChecks).toCompletableFuture().join())
                .satisfies(e -> assertThat(((TokenRejectedException) e.getCause()).reason()).isEqualTo(Reason.KEYS_UNAVAILABLE));
    }

    @Test
    void theUnverifiedFormExposesOnlyACopyOfTheClaims() {
        UnverifiedJwt jwt = rs256Only.parse(validToken());
        assertThat(jwt.untrustedIssuer()).isEqualTo(ISSUER);
        jwt.untrustedClaims().put("sub", "someone-else");
        assertThat(rs256Only.verify(jwt, keys, accessChecks).string("sub")).isEqualTo("u1");
    }
}
