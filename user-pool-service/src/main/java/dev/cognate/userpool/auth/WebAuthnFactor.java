package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.WebAuthnCredentialRepository;
import dev.cognate.userpool.domain.WebAuthnCredential;
import dev.cognate.userpool.webauthn.PasskeyOptions;
import dev.cognate.userpool.webauthn.RelyingParties;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code WEB_AUTHN} first factor of USER_AUTH: available to a user with a passkey in a pool that allows WEB_AUTHN, has
 * a relying party, and does not require MFA (Cognito offers passwordless factors only where MFA is not ON: a passkey is
 * one factor). It asks the {@code WEB_AUTHN} challenge: {@code CREDENTIAL_REQUEST_OPTIONS} (PublicKeyCredentialRequestOptionsJSON
 * with a new 32-byte challenge kept in the sign-in's session), answered with {@code CREDENTIAL} ({@link WebAuthnChallenge}).
 */
@ApplicationScoped
public class WebAuthnFactor implements FirstAuthFactor {

    public static final String WEB_AUTHN = RelyingParties.WEB_AUTHN;
    static final String CHALLENGE = "challenge";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool db;
    private final RelyingParties relyingParties;
    private final WebAuthnCredentialRepository credentials;
    private final AuthSessionStore sessions;
    private final Clock clock;

    public WebAuthnFactor(Pool db, RelyingParties relyingParties, WebAuthnCredentialRepository credentials, AuthSessionStore sessions,
                          Clock clock) {
        this.db = db;
        this.relyingParties = relyingParties;
        this.credentials = credentials;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public String factor() {
        return WEB_AUTHN;
    }

    /**
     * An unknown name ({@code user} null) is not offered WEB_AUTHN, exactly as a known user without a passkey is not: the
     * choice tells an app nothing more than that.
     */
    @Override
    public Uni<Boolean> availableFor(AuthContext context, User user) {
        if (user == null || !RelyingParties.enabled(context.pool()) || "ON".equals(context.pool().config().mfaConfiguration())) {
            return Uni.createFrom().item(false);
        }
        return relyingParties.of(context.pool())
                .chain(relyingParty -> credentials.count(db, user.userPoolId(), user.sub()).map(count -> count > 0))
                // a pool without a relying party (no RP ID, no domain) cannot ask for a passkey
                .onFailure().recoverWithItem(false);
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context, User user) {
        if (user == null) {
            // never offered to an unknown name (availableFor), so never started for one
            return Uni.createFrom().failure(SignInAudit.incorrect());
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return relyingParties.of(context.pool()).chain(relyingParty -> credentials
                .ofUser(db, user.userPoolId(), user.sub(), null, WebAuthnCredential.MAX_PER_USER)
                .chain(allowed -> {
                    AuthSession session = new AuthSession(user.userPoolId(), context.client().clientId(), user.sub(), user.username(),
                            context.authFlow(), WEB_AUTHN, clock.instant().getEpochSecond(), Map.of(CHALLENGE, challenge));
                    String options = PasskeyOptions.request(relyingParty, challenge, allowed).toString();
                    return sessions.create(context.client(), session)
                            .map(id -> AuthResponse.challenge(WEB_AUTHN, id, Map.of("CREDENTIAL_REQUEST_OPTIONS", options)));
                }));
    }
}
