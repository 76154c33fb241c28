package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.WebAuthnCredential;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.repository.WebAuthnCredentialRepository;
import dev.cognate.userpool.webauthn.PasskeyOptions;
import dev.cognate.userpool.webauthn.PasskeyVerifier;
import dev.cognate.userpool.webauthn.RelyingParties;
import dev.cognate.userpool.webauthn.RelyingParty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Base64;

/**
 * The answer to {@code WEB_AUTHN}: {@code CREDENTIAL}, an AuthenticationResponseJSON for the challenge in the session,
 * verified by {@link PasskeyVerifier} against one of the user's own passkeys (origin, RP ID, challenge, signature, user
 * verification as the pool requires, the user handle); its signature counter is then recorded atomically and must have
 * grown (when not 0), so a cloned authenticator or a replayed assertion is refused. A refused assertion — also one of
 * another user's passkey or of a deleted one — counts on the lockout like a wrong password and answers as one; a locked
 * user is refused before anything is checked; a malformed CREDENTIAL is {@code InvalidParameterException} (the session
 * stays for another try). A verified passkey ends the sign-in: no MFA follows, as in Cognito (the passkey is the sign-in).
 */
@ApplicationScoped
public class WebAuthnChallenge implements ChallengeHandler {

    private final Pool db;
    private final UserRepository users;
    private final WebAuthnCredentialRepository credentials;
    private final RelyingParties relyingParties;
    private final PasskeyVerifier verifier;
    private final SignInAudit audit;
    private final PasswordSignIn passwords;
    private final SignInCompletion completion;
    private final Clock clock;

    public WebAuthnChallenge(Pool db, UserRepository users, WebAuthnCredentialRepository credentials, RelyingParties relyingParties,
                             PasskeyVerifier verifier, SignInAudit audit, PasswordSignIn passwords, SignInCompletion completion, Clock clock) {
        this.db = db;
        this.users = users;
        this.credentials = credentials;
        this.relyingParties = relyingParties;
        this.verifier = verifier;
        this.audit = audit;
        this.passwords = passwords;
        this.completion = completion;
        this.clock = clock;
    }

    @Override
    public String challengeName() {
        return WebAuthnFactor.WEB_AUTHN;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        String assertion = AuthParameters.require(context, "CREDENTIAL");
        String credentialId = verifier.credentialIdOf(assertion);
        byte[] challenge = Base64.getUrlDecoder().decode(session.data().get(WebAuthnFactor.CHALLENGE));
        return users.findBySub(db, context.pool().id(), session.sub(), false).chain(found -> {
            if (found.isEmpty()) {
                return passwords.unknownUser(context, session.username());
            }
            User user = found.get();
            return audit.checkNotLocked(context, user)
                    .chain(() -> relyingParties.of(context.pool()))
                    .chain(relyingParty -> credentials.find(db, user.userPoolId(), credentialId).chain(stored -> {
                        if (stored.isEmpty() || !stored.get().sub().equals(user.sub())) {
                            return audit.wrongPasskey(context, user, "unknown_passkey");
                        }
                        return verified(context, user, relyingParty, assertion, challenge, stored.get());
                    }));
        });
    }

    private Uni<AuthResponse> verified(AuthContext context, User user, RelyingParty relyingParty, String assertion, byte[] challenge,
                                       WebAuthnCredential stored) {
        PasskeyVerifier.Asserted asserted;
        try {
            asserted = verifier.verifyAssertion(assertion, relyingParty, challenge, new PasskeyVerifier.Stored(stored.attestedCredentialData(),
                    stored.signCount(), stored.uvInitialized(), stored.backupEligible(), stored.backedUp()), PasskeyOptions.userHandle(user));
        } catch (PasskeyVerifier.AssertionRefused refused) {
            return audit.wrongPasskey(context, user, refused.reason());
        }
        return credentials.recordUse(db, stored.userPoolId(), stored.credentialId(), stored.signCount(), asserted.signCount(),
                        asserted.backedUp(), clock.instant())
                .chain(recorded -> recorded
                        // another sign-in used this counter value meanwhile: the same assertion twice, or a clone
                        ? passwords.checkAccount(context, user).chain(accepted -> completion.finishWithoutPassword(context, accepted))
                        : audit.wrongPasskey(context, user, "passkey_counter_not_increased"));
    }
}
