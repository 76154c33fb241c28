package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.util.Map;

/**
 * The {@code PASSWORD_SRP} first factor of choice-based sign-in: SRP_A (AuthParameters with PREFERRED_CHALLENGE
 * PASSWORD_SRP, or SELECT_CHALLENGE's ChallengeResponses with ANSWER PASSWORD_SRP) → the very {@code PASSWORD_VERIFIER}
 * challenge of USER_SRP_AUTH ({@link UserSrpAuthFlow}: a decoy for an unknown name or a user without a verifier), whose
 * answer {@link PasswordVerifierChallenge} checks and then continues with {@link SignInCompletion#afterFirstFactor}. The
 * lockout and the PreAuthentication trigger come first, as in USER_SRP_AUTH. Usable by users who have a password.
 */
@ApplicationScoped
public class PasswordSrpFactor implements FirstAuthFactor {

    private final UserSrpAuthFlow srp;
    private final PasswordSignIn passwords;
    private final SignInAudit audit;

    public PasswordSrpFactor(UserSrpAuthFlow srp, PasswordSignIn passwords, SignInAudit audit) {
        this.srp = srp;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Override
    public String factor() {
        return FirstAuthFactors.PASSWORD_SRP;
    }

    @Override
    public Uni<Boolean> availableFor(AuthContext context, User user) {
        return Uni.createFrom().item(user == null || user.passwordHash() != null);
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context, User user) {
        String username = AuthParameters.require(context, "USERNAME");
        BigInteger a = UserSrpAuthFlow.clientPublic(AuthParameters.require(context, "SRP_A"));
        if (user == null) {
            return passwords.preAuthentication(context, username, null)
                    .chain(() -> srp.passwordVerifier(context, null, username, a, Map.of()));
        }
        return audit.checkNotLocked(context, user)
                .chain(() -> passwords.preAuthentication(context, username, user))
                .chain(() -> srp.passwordVerifier(context, user, username, a, Map.of()));
    }
}
