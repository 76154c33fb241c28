package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;

/**
 * One first factor of choice-based sign-in (AuthFlow {@code USER_AUTH}, the pool's
 * {@code SignInPolicy.AllowedFirstAuthFactors}): {@code PASSWORD}, {@code PASSWORD_SRP}, {@code EMAIL_OTP},
 * {@code SMS_OTP} or {@code WEB_AUTHN}. The USER_AUTH flow offers the factors the pool allows and the user can use
 * (SELECT_CHALLENGE's {@code AvailableChallenges}, GetUserAuthFactors) and starts the chosen one
 * ({@code PREFERRED_CHALLENGE}, or SELECT_CHALLENGE's {@code ANSWER}); the challenge a factor asks is answered by that
 * challenge's own {@link ChallengeHandler}. Implementations are CDI beans, found by the flow through {@code @All}.
 */
public interface FirstAuthFactor {

    /** The factor's name in AllowedFirstAuthFactors and AvailableChallenges. */
    String factor();

    /**
     * Whether {@code user} can sign in with this factor now (a verified email for EMAIL_OTP, a passkey for WEB_AUTHN, ...).
     * {@code user} is null for a name the pool does not know (only for clients with PreventUserExistenceErrors ENABLED):
     * answer whether this factor is offered to such a name, then {@link #start} must answer a decoy that fails as a wrong
     * answer would, so the app cannot tell.
     */
    Uni<Boolean> availableFor(AuthContext context, User user);

    /**
     * Starts the factor for {@code user}: the challenge it asks (with a new session), or the end of the first factor when
     * the request already carries the answer (PASSWORD with the {@code PASSWORD} parameter). {@code context.parameters()}
     * are InitiateAuth's AuthParameters or SELECT_CHALLENGE's ChallengeResponses.
     */
    Uni<AuthResponse> start(AuthContext context, User user);
}
