package dev.cognate.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.benchmarks.baseline.HandRolledJwt;
import dev.cognate.tokens.ClaimChecks;
import dev.cognate.tokens.JwtSigner;
import dev.cognate.tokens.RsaImplementation;
import dev.cognate.tokens.JwtVerifier;
import dev.cognate.tokens.PublicJwk;
import dev.cognate.tokens.PublicKeys;
import dev.cognate.tokens.SigningAlgorithm;
import dev.cognate.tokens.VerifiedJwt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Signing and verifying a Cognito access token (RS256, RSA-2048, ~560 bytes of claims in Cognito's order) through
 * libs/tokens (Nimbus) against the hand-rolled JDK code it replaced ({@link HandRolledJwt}). {@code verify*} is what
 * GetUser and every self-service action pay before their query: parse, signature, claims ({@code iss}, {@code token_use},
 * {@code exp}, {@code iat} for the library; {@code token_use} and {@code exp} for the baseline, as the old verifier did).
 * {@code sign*} is paid twice per sign-in (ID and access token).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TokenBenchmark {

    private static final String ISSUER = "http://localhost:8081/us-east-1_Bench12345";
    private static final String KID = "bDk0Nzc1ZTEtYjJmYi00ZWQ5LWI0YzAtZmQ2ZjQ4Mjg=";

    private KeyPair rsa;
    private ObjectNode claims;
    private JwtSigner signer;
    private JwtSigner nativeSigner;
    private JwtVerifier verifier;
    private PublicKeys keys;
    private ClaimChecks checks;
    private String token;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        long iat = Instant.parse("2026-12-07T00:00:00Z").getEpochSecond();
        claims = JsonNodeFactory.instance.objectNode()
                .put("sub", UUID.randomUUID().toString())
                .put("iss", ISSUER)
                .put("client_id", "5r1d8kj0ms2p2bqkbqf0n1r6qo")
                .put("origin_jti", UUID.randomUUID().toString())
                .put("event_id", UUID.randomUUID().toString())
                .put("token_use", "access")
                .put("scope", "aws.cognito.signin.user.admin")
                .put("auth_time", iat)
                .put("exp", iat + 3600)
                .put("iat", iat)
                .put("jti", UUID.randomUUID().toString())
                .put("username", "benchmark-user");
        signer = JwtSigner.of(SigningAlgorithm.RS256, KID, rsa.getPrivate());
        nativeSigner = JwtSigner.of(SigningAlgorithm.RS256, KID, rsa.getPrivate(), RsaImplementation.NATIVE
                .requireAvailable("cognate.tokens.rsa-implementation"));
        verifier = JwtVerifier.allowing(SigningAlgorithm.RS256);
        keys = PublicKeys.ofJwks(List.of(PublicJwk.of(KID, SigningAlgorithm.RS256, rsa.getPublic())));
        checks = ClaimChecks.issuedBy(ISSUER).tokenUse("access").clock(Clock.fixed(Instant.ofEpochSecond(iat + 60), ZoneOffset.UTC));
        token = signer.sign(claims);
        // the same bytes on the wire both ways, and both verify: a benchmark of a failure path would be meaningless
        if (!token.equals(HandRolledJwt.sign(claims, KID, rsa.getPrivate())) || !token.equals(nativeSigner.sign(claims))) {
            throw new IllegalStateException("the library and the baseline sign different bytes");
        }
        verifyLibrary();
        if (!verifyHandRolled()) {
            throw new IllegalStateException("the baseline does not verify");
        }
    }

    @Benchmark
    public String signLibrary() {
        return signer.sign(claims);
    }

    /** The same signature by the system's OpenSSL libcrypto ({@code cognate.tokens.rsa-implementation=native}). */
    @Benchmark
    public String signNative() {
        return nativeSigner.sign(claims);
    }

    @Benchmark
    public String signHandRolled() {
        return HandRolledJwt.sign(claims, KID, rsa.getPrivate());
    }

    @Benchmark
    public VerifiedJwt verifyLibrary() {
        return verifier.verify(verifier.parse(token), keys, checks);
    }

    @Benchmark
    public boolean verifyHandRolled() {
        HandRolledJwt.Parsed parsed = HandRolledJwt.parse(token).orElseThrow();
        return KID.equals(parsed.kid()) && parsed.verifiedBy(rsa.getPublic())
                && "access".equals(parsed.claims().path("token_use").asText())
                && Instant.ofEpochSecond(parsed.claims().path("exp").asLong()).isAfter(Instant.parse("2026-12-07T00:01:00Z"));
    }
}
