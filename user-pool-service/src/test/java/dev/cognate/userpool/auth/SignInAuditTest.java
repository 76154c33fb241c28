package dev.cognate.userpool.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The lockout's durations (DESIGN.md §6): 2^(n−5) s from the fifth failure, capped at 15 minutes. */
class SignInAuditTest {

    @Test
    void lockDoublesFromTheFifthFailureUpToFifteenMinutes() {
        assertThat(SignInAudit.lockFor(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SignInAudit.lockFor(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInAudit.lockFor(7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(SignInAudit.lockFor(14)).isEqualTo(Duration.ofSeconds(512));
        assertThat(SignInAudit.lockFor(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignInAudit.lockFor(200)).isEqualTo(Duration.ofMinutes(15));
    }
}
