package dev.cognate.userpool.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class VerificationCodeTest {

    private static final Instant SENT = Instant.parse("2026-01-01T10:00:00Z");

    private static VerificationCode code(CodePurpose purpose, int failedAttempts) {
        return new VerificationCode("pool", UUID.randomUUID(), purpose, "email", new byte[16], new byte[32],
                SENT.plus(purpose.lifetime()), failedAttempts, SENT);
    }

    @Test
    void signUpCodesLiveADayAndResetCodesAnHour() {
        assertThat(CodePurpose.SIGN_UP.lifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(CodePurpose.EMAIL_VERIFICATION.lifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(CodePurpose.PASSWORD_RESET.lifetime()).isEqualTo(Duration.ofHours(1));

        VerificationCode reset = code(CodePurpose.PASSWORD_RESET, 0);
        assertThat(reset.outcome(true, SENT.plus(Duration.ofMinutes(59)))).isEqualTo(VerificationCode.Outcome.MATCH);
        assertThat(reset.outcome(true, SENT.plus(Duration.ofHours(1)))).isEqualTo(VerificationCode.Outcome.EXPIRED);
        VerificationCode signUp = code(CodePurpose.SIGN_UP, 0);
        assertThat(signUp.outcome(true, SENT.plus(Duration.ofHours(23)))).isEqualTo(VerificationCode.Outcome.MATCH);
        assertThat(signUp.outcome(false, SENT.plus(Duration.ofHours(23)))).isEqualTo(VerificationCode.Outcome.MISMATCH);
        assertThat(signUp.outcome(true, SENT.plus(Duration.ofHours(24)).plusMillis(1))).isEqualTo(VerificationCode.Outcome.EXPIRED);
    }

    @Test
    void aCodeTriedWrongFiveTimesNoLongerWorksEvenWhenRight() {
        Instant now = SENT.plusSeconds(60);
        assertThat(code(CodePurpose.SIGN_UP, 4).outcome(true, now)).isEqualTo(VerificationCode.Outcome.MATCH);
        assertThat(code(CodePurpose.SIGN_UP, 5).outcome(true, now)).isEqualTo(VerificationCode.Outcome.ATTEMPTS_EXCEEDED);
        assertThat(code(CodePurpose.SIGN_UP, 5).outcome(true, SENT.plus(Duration.ofDays(2))))
                .as("the attempt limit is reported before expiry").isEqualTo(VerificationCode.Outcome.ATTEMPTS_EXCEEDED);
    }

    @Test
    void failuresAnswerCognitosExceptions() {
        assertThat(VerificationCode.failure(VerificationCode.Outcome.MISMATCH).type()).isEqualTo("CodeMismatchException");
        assertThat(VerificationCode.failure(VerificationCode.Outcome.NONE).getMessage()).isEqualTo("Invalid verification code provided, please try again.");
        assertThat(VerificationCode.failure(VerificationCode.Outcome.EXPIRED).getMessage()).isEqualTo("Invalid code provided, please request a code again.");
        assertThat(VerificationCode.failure(VerificationCode.Outcome.ATTEMPTS_EXCEEDED).type()).isEqualTo("LimitExceededException");
        assertThat(VerificationCode.failure(VerificationCode.Outcome.MATCH)).isNull();
    }
}
