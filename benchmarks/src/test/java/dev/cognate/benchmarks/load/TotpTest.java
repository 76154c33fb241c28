package dev.cognate.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness's authenticator against RFC 6238's own test vectors (Appendix B, SHA-1). */
class TotpTest {

    /** "12345678901234567890" in base32, as AssociateSoftwareToken's SecretCode would carry it. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void base32DecodesTheRfcSecret() {
        assertThat(new String(Totp.base32(RFC_SECRET), StandardCharsets.US_ASCII)).isEqualTo("12345678901234567890");
        assertThat(Totp.base32(RFC_SECRET.toLowerCase())).isEqualTo(Totp.base32(RFC_SECRET));
        assertThatThrownBy(() -> Totp.base32("GEZ1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codesAreThoseOfRfc6238AppendixB() {
        Totp totp = new Totp(RFC_SECRET);
        assertThat(totp.code(Totp.step(59_000L), 8)).isEqualTo("94287082");
        assertThat(totp.code(Totp.step(1_111_111_109_000L), 8)).isEqualTo("07081804");
        assertThat(totp.code(Totp.step(1_111_111_111_000L), 8)).isEqualTo("14050471");
        assertThat(totp.code(Totp.step(1_234_567_890_000L), 8)).isEqualTo("89005924");
        assertThat(totp.code(Totp.step(2_000_000_000_000L), 8)).isEqualTo("69279037");
        assertThat(totp.code(Totp.step(20_000_000_000_000L), 8)).isEqualTo("65353130");
        // Six digits, as Cognito asks: the last six of the eight, leading zeros kept.
        assertThat(totp.code(Totp.step(59_000L))).isEqualTo("287082");
        assertThat(totp.code(Totp.step(1_111_111_109_000L))).isEqualTo("081804");
    }

    @Test
    void aStepIsThirtySeconds() {
        assertThat(Totp.step(0)).isZero();
        assertThat(Totp.step(29_999)).isZero();
        assertThat(Totp.step(30_000)).isEqualTo(1);
    }
}
