package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.domain.MfaPreferenceUpdate;
import dev.cognate.userpool.mfa.SoftwareTokens;
import dev.cognate.userpool.repository.UserPoolRepository;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.service.SignedInUsers;
import dev.cognate.userpool.service.UserStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AssociateSoftwareToken and VerifySoftwareToken, for a signed-in user (its {@code AccessToken}) or during a sign-in's
 * MFA_SETUP (its {@code Session}). With a session, each call takes it and answers a new one for the next step, until the
 * original deadline (single use, {@link AuthSessionStore#reissue}); a successful verification there also enables
 * software token MFA as the user's preferred method, and MFA_SETUP can then be answered ({@link MfaSetupChallenge}). A
 * signed-in user enables it afterwards with SetUserMFAPreference, as in Cognito. The hosted login's MFA_SETUP page
 * runs the same steps ({@link #associateOnHostedLogin}, {@link #verifyOnHostedLogin}) with its own sessions.
 */
@ApplicationScoped
public class SoftwareTokenSetup {

    /** AssociateSoftwareToken's answer; {@code session} null for a signed-in user. */
    public record Associated(String secretCode, String session) {
    }

    /** VerifySoftwareToken's answer; {@code session} null for a signed-in user. */
    public record Verified(String status, String session) {
    }

    private final Pool db;
    private final SignedInUsers signedIn;
    private final AuthSessionStore sessions;
    private final SoftwareTokens softwareTokens;
    private final UserPoolRepository pools;
    private final UserRepository users;
    private final UserStore store;
    private final Clock clock;

    public SoftwareTokenSetup(Pool db, SignedInUsers signedIn, AuthSessionStore sessions, SoftwareTokens softwareTokens,
                              UserPoolRepository pools, UserRepository users, UserStore store, Clock clock) {
        this.db = db;
        this.signedIn = signedIn;
        this.sessions = sessions;
        this.softwareTokens = softwareTokens;
        this.pools = pools;
        this.users = users;
        this.store = store;
        this.clock = clock;
    }

    static CognitoException codeMismatch() {
        return new CognitoException("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
    }

    public Uni<Associated> associate(String accessToken, String session) {
        if (accessToken != null) {
            return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true)
                    .chain(caller -> softwareTokens.associate(tx, caller.pool().id(), caller.user().sub()))))
                    .map(secretCode -> new Associated(secretCode, null));
        }
        return associateDuringSignIn(takeSetup(session, SignInSide.API));
    }

    /**
     * AssociateSoftwareToken for the hosted login's MFA_SETUP page: the session must be a hosted sign-in's of this pool
     * and client (the API's sessions are refused here, as the hosted ones are by {@link #associate}).
     */
    public Uni<Associated> associateOnHostedLogin(String userPoolId, String clientId, String session) {
        return associateDuringSignIn(takeSetup(session, SignInSide.hosted(userPoolId, clientId)));
    }

    private Uni<Associated> associateDuringSignIn(Uni<AuthSessionStore.Stored> setup) {
        return setup.chain(taken -> softwareTokens.associate(db, taken.session().userPoolId(), taken.session().sub())
                .chain(secretCode -> sessions.reissue(taken, taken.session()).map(next -> new Associated(secretCode, next))));
    }

    public Uni<Verified> verify(String accessToken, String session, String code, String friendlyDeviceName) {
        if (accessToken != null) {
            return signedIn.verify(accessToken).chain(token -> db.withTransaction(tx -> signedIn.require(tx, token, true)
                            .chain(caller -> softwareTokens.verifyPending(tx, caller.pool().id(), caller.user().sub(), code, friendlyDeviceName))))
                    .map(verified -> {
                        if (!verified) {
                            throw codeMismatch();
                        }
                        return new Verified("SUCCESS", null);
                    });
        }
        return verifyDuringSignIn(session, takeSetup(session, SignInSide.API), code, friendlyDeviceName);
    }

    /** VerifySoftwareToken for the hosted login's MFA_SETUP page (a hosted sign-in's session of this pool and client). */
    public Uni<Verified> verifyOnHostedLogin(String userPoolId, String clientId, String session, String code, String friendlyDeviceName) {
        return verifyDuringSignIn(session, takeSetup(session, SignInSide.hosted(userPoolId, clientId)), code, friendlyDeviceName);
    }

    private Uni<Verified> verifyDuringSignIn(String session, Uni<AuthSessionStore.Stored> setup, String code, String friendlyDeviceName) {
        return setup.chain(taken -> {
            AuthSession state = taken.session();
            return db.withTransaction(tx -> softwareTokens.verifyPending(tx, state.userPoolId(), state.sub(), code, friendlyDeviceName)
                            .call(verified -> verified ? enableSoftwareTokenMfa(tx, state) : Uni.createFrom().voidItem()))
                    .chain(verified -> {
                        if (!verified) {
                            // a mistyped first code of a new authenticator: the set-up may go on with the same session
                            return sessions.putBack(session, taken).chain(() -> Uni.createFrom().failure(codeMismatch()));
                        }
                        Map<String, String> data = new HashMap<>(state.data());
                        data.put(MfaSetupChallenge.VERIFIED, "true");
                        AuthSession next = new AuthSession(state.userPoolId(), state.clientId(), state.sub(), state.username(),
                                state.authFlow(), state.challengeName(), state.authTime(), data);
                        return sessions.reissue(taken, next).map(id -> new Verified("SUCCESS", id));
                    });
        });
    }

    /** The MFA_SETUP user's preference: software token MFA enabled and preferred (it had no method), with its event. */
    private Uni<Void> enableSoftwareTokenMfa(SqlClient tx, AuthSession state) {
        MfaPreferenceUpdate update = new MfaPreferenceUpdate(null, new MfaPreferenceUpdate.Setting(true, true), null);
        return pools.require(tx, state.userPoolId()).chain(pool -> users.findBySub(tx, pool.id(), state.sub(), true)
                .map(found -> found.orElseThrow(UserStore::userNotFound))
                .chain(user -> store.save(tx, pool, user.withMfa(user.mfaOptions(), update.applyTo(user.mfaPreference()),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)), UserPoolEvents.USER_MFA_UPDATED, List.of())))
                .replaceWithVoid();
    }

    /**
     * Which side's sign-in a set-up call continues: the API's (any of its sessions, as AssociateSoftwareToken names no
     * client) or the hosted login's for one pool and client. A session belongs to the side that opened it.
     */
    private record SignInSide(boolean hosted, String userPoolId, String clientId) {

        static final SignInSide API = new SignInSide(false, null, null);

        static SignInSide hosted(String userPoolId, String clientId) {
            return new SignInSide(true, userPoolId, clientId);
        }

        boolean owns(AuthSession state) {
            if (AuthContext.HOSTED_LOGIN.equals(state.authFlow()) != hosted) {
                return false;
            }
            return !hosted || (state.userPoolId().equals(userPoolId) && state.clientId().equals(clientId));
        }
    }

    /** A sign-in session of {@code side} waiting for MFA_SETUP; any other (or none) is "Invalid session". */
    private Uni<AuthSessionStore.Stored> takeSetup(String session, SignInSide side) {
        return sessions.take(session).map(taken -> {
            AuthSession state = taken.session();
            if (!MfaChallenges.MFA_SETUP.equals(state.challengeName()) || !side.owns(state)) {
                throw AuthSessionStore.expired();
            }
            return taken;
        });
    }
}
