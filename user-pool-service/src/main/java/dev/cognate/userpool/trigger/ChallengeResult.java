package dev.cognate.userpool.trigger;

/**
 * One element of the custom authentication flow's history, as the challenge triggers' {@code request.session} shows it:
 * the challenge presented ({@code SRP_A}, {@code PASSWORD_VERIFIER}, {@code CUSTOM_CHALLENGE}), whether the user
 * answered it correctly, and the {@code challengeMetadata} CreateAuthChallenge gave it (null: none, omitted from the event).
 */
public record ChallengeResult(String challengeName, boolean challengeResult, String challengeMetadata) {
}
