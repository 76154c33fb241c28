package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.crypto.Srp;
import dev.cognate.userpool.service.SrpVerifierStore;
import dev.cognate.userpool.service.UserStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code USER_SRP_AUTH}: USERNAME and SRP_A (the client's public value) → the {@code PASSWORD_VERIFIER} challenge with
 * SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP and USERNAME. An unknown user (or one without a verifier) gets a challenge
 * made of random values, so the first step tells nothing; the answer is then refused as a wrong password would be.
 */
@ApplicationScoped
public class UserSrpAuthFlow implements AuthFlowHandler {

    public static final String PASSWORD_VERIFIER = "PASSWORD_VERIFIER";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool db;
    private final UserStore store;
    private final SrpVerifierStore verifiers;
    private final SignInAudit audit;
    private final PasswordSignIn passwords;
    private final AuthSessionStore sessions;
    private final SecretCipher cipher;
    private final Clock clock;

    public UserSrpAuthFlow(Pool db, UserStore store, SrpVerifierStore verifiers, SignInAudit audit, PasswordSignIn passwords,
                           AuthSessionStore sessions, SecretCipher cipher, Clock clock) {
        this.cipher = cipher;
        this.db = db;
        this.store = store;
        this.verifiers = verifiers;
        this.audit = audit;
        this.passwords = passwords;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public List<String> flows() {
        return List.of("USER_SRP_AUTH");
    }

    @Override
    public boolean servedBy(boolean adminCall) {
        return true;
    }

    @Override
    public List<String> allowedBy() {
        return List.of("ALLOW_USER_SRP_AUTH");
    }

    @Override
    public boolean legacyAllowed() {
        return true;
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context) {
        String username = AuthParameters.require(context, "USERNAME");
        BigInteger a = clientPublic(AuthParameters.require(context, "SRP_A"));
        return store.find(db, context.pool(), username, false).chain(found -> {
            // SRP never migrates users: the function would need the password, which SRP never sends (as in Cognito).
            if (found.isEmpty()) {
                return context.revealsUnknownUsers() ? passwords.unknownUser(context, username)
                        : passwords.preAuthentication(context, username, null).chain(() -> decoy(context, username, a));
            }
            User user = found.get();
            return audit.checkNotLocked(context, user)
                    .chain(() -> passwords.preAuthentication(context, username, user))
                    .chain(() -> verifiers.find(db, user.userPoolId(), user.sub()))
                    .chain(verifier -> verifier.isEmpty() ? decoy(context, username, a) : challenge(context, user, verifier.get(), a));
        });
    }

    private Uni<AuthResponse> challenge(AuthContext context, User user, SrpVerifierStore.Verifier verifier, BigInteger a) {
        return Uni.createFrom().item(() -> {
                    BigInteger b = Srp.randomPrivate();
                    return new BigInteger[] {b, Srp.serverPublic(verifier.v(), b)};
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(values -> send(context, user, user.username(), verifier.userIdForSrp(), verifier.salt(), a, values[0], values[1]));
    }

    private Uni<AuthResponse> decoy(AuthContext context, String username, BigInteger a) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        BigInteger b = Srp.randomPrivate();
        BigInteger fakeB = new BigInteger(3000, RANDOM).mod(Srp.N);
        return send(context, null, username, username, new BigInteger(1, salt), a, b, fakeB);
    }

    private Uni<AuthResponse> send(AuthContext context, User user, String username, String userIdForSrp, BigInteger salt, BigInteger a,
                                   BigInteger b, BigInteger bPublic) {
        byte[] secretBlock = new byte[64];
        RANDOM.nextBytes(secretBlock);
        String block = Base64.getEncoder().encodeToString(secretBlock);
        AuthSession session = new AuthSession(context.pool().id(), context.client().clientId(), user == null ? null : user.sub(), username,
                context.authFlow(), PASSWORD_VERIFIER, clock.instant().getEpochSecond(), Map.of(
                "A", a.toString(16), "b", sealPrivate(context.pool().id(), b), "B", bPublic.toString(16), "secretBlock", block, "userIdForSrp", userIdForSrp));
        return sessions.create(context.client(), session).map(id -> AuthResponse.challenge(PASSWORD_VERIFIER, id, Map.of(
                "SALT", salt.toString(16),
                "SRP_B", bPublic.toString(16),
                "SECRET_BLOCK", block,
                "USER_ID_FOR_SRP", userIdForSrp,
                "USERNAME", user == null ? username : user.username())));
    }

    /** The server's private value b, sealed with the master key before it goes to Redis. */
    private String sealPrivate(String poolId, BigInteger b) {
        return Base64.getEncoder().encodeToString(cipher.encrypt(b.toString(16), privateContext(poolId)));
    }

    static BigInteger openPrivate(SecretCipher cipher, String poolId, String sealed) {
        return new BigInteger(cipher.decrypt(Base64.getDecoder().decode(sealed), privateContext(poolId)), 16);
    }

    private static String privateContext(String poolId) {
        return "srp-session/" + poolId;
    }

    /** SRP_A as hex; A mod N = 0 would let a client force the shared secret, so it is refused. */
    private static BigInteger clientPublic(String hex) {
        BigInteger a;
        try {
            a = new BigInteger(hex, 16);
        } catch (NumberFormatException e) {
            throw CognitoException.invalidParameter("SRP_A is not a hexadecimal number");
        }
        if (a.signum() <= 0 || a.mod(Srp.N).signum() == 0) {
            throw new CognitoException("NotAuthorizedException", "Incorrect username or password.");
        }
        return a;
    }

}
