package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code PASSWORD} first factor of choice-based sign-in: the password in clear (AuthParameters with
 * PREFERRED_CHALLENGE PASSWORD, or SELECT_CHALLENGE's ChallengeResponses with ANSWER PASSWORD), checked exactly as
 * USER_PASSWORD_AUTH checks it ({@link PasswordSignIn}: lockout, PreAuthentication, Argon2id, the account's state, and
 * for an unknown name the UserMigration trigger), then {@link SignInCompletion#afterFirstFactor} (MFA, a new password).
 * Usable by users who have a password.
 */
@ApplicationScoped
public class PasswordFactor implements FirstAuthFactor {

    private final PasswordSignIn passwords;
    private final SignInCompletion completion;

    public PasswordFactor(PasswordSignIn passwords, SignInCompletion completion) {
        this.passwords = passwords;
        this.completion = completion;
    }

    @Override
    public String factor() {
        return FirstAuthFactors.PASSWORD;
    }

    @Override
    public Uni<Boolean> availableFor(AuthContext context, User user) {
        return Uni.createFrom().item(user == null || user.passwordHash() != null);
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context, User user) {
        String username = AuthParameters.require(context, "USERNAME");
        String password = AuthParameters.require(context, "PASSWORD");
        Uni<User> verified = user == null ? passwords.verify(context, username, password) : passwords.verify(context, username, user, password);
        return verified.chain(accepted -> completion.afterFirstFactor(context, accepted));
    }
}
