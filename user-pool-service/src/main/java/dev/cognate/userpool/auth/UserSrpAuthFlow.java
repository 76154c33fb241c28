package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.crypto.Srp;
import dev.cognate.userpool.service.SrpVerifierStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final SrpVerifierStore verifiers;
    private final SignInAudit audit;
    private final PasswordSignIn passwords;
    private final AuthSessionStore sessions;
    private final SecretCipher cipher;
    private final Clock clock;

    public UserSrpAuthFlow(Pool db, SrpVerifierStore verifiers, SignInAudit audit, PasswordSignIn passwords,
                           AuthSessionStore sessions, SecretCipher cipher, Clock clock) {
        this.cipher = cipher;
        this.db = db;
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
        return verifiers.findForSignIn(db, context.pool(), username).chain(found -> {
            // SRP never migrates users: the function would need the password, which SRP never sends (as in Cognito).
            if (found.isEmpty()) {
                return context.revealsUnknownUsers() ? passwords.unknownUser(context, username)
                        : passwords.preAuthentication(context, username, null).chain(() -> decoy(context, username, a));
            }
            User user = found.get().user();
            Optional<SrpVerifierStore.Verifier> verifier = found.get().verifier();
            return audit.checkNotLocked(context, user)
                    .chain(() -> passwords.preAuthentication(context, username, user))
                    .chain(() -> verifier.isEmpty() ? decoy(context, username, a) : challenge(context, user, verifier.get(), a));
        });
    }

    /**
     * The PASSWORD_VERIFIER challenge of the custom authentication flow (DefineAuthChallenge named it after SRP_A): the
     * same challenge as USER_SRP_AUTH's for {@code user} (a decoy for an unknown one, or one without a verifier), whose
     * session also carries the custom flow's state ({@code carried}).
     */
    Uni<AuthResponse> passwordVerifier(AuthContext context, User user, String username, BigInteger a, Map<String, String> carried) {
        if (user == null) {
            return decoy(context, username, a, carried);
        }
        return verifiers.find(db, user.userPoolId(), user.sub())
                .chain(verifier -> verifier.isEmpty() ? decoy(context, username, a, carried) : challenge(context, user, verifier.get(), a, carried));
    }

    private Uni<AuthResponse> challenge(AuthContext context, User user, SrpVerifierStore.Verifier verifier, BigInteger a) {
        return challenge(context, user, verifier, a, Map.of());
    }

    private Uni<AuthResponse> challenge(AuthContext context, User user, SrpVerifierStore.Verifier verifier, BigInteger a,
                                        Map<String, String> carried) {
        return Uni.createFrom().item(() -> {
                    BigInteger b = Srp.randomPrivate();
                    return new BigInteger[] {b, Srp.serverPublic(verifier.v(), b)};
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(values -> send(context, user, user.username(), verifier.userIdForSrp(), verifier.salt(), a, values[0], values[1], carried));
    }

    private Uni<AuthResponse> decoy(AuthContext context, String username, BigInteger a) {
        return decoy(context, username, a, Map.of());
    }

    private Uni<AuthResponse> decoy(AuthContext context, String username, BigInteger a, Map<String, String> carried) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        BigInteger b = Srp.randomPrivate();
        BigInteger fakeB = new BigInteger(3000, RANDOM).mod(Srp.N);
        return send(context, null, username, username, new BigInteger(1, salt), a, b, fakeB, carried);
    }

    private Uni<AuthResponse> send(AuthContext context, User user, String username, String userIdForSrp, BigInteger salt, BigInteger a,
                                   BigInteger b, BigInteger bPublic, Map<String, String> carried) {
        byte[] secretBlock = new byte[64];
        RANDOM.nextBytes(secretBlock);
        String block = Base64.getEncoder().encodeToString(secretBlock);
        String bPublicHex = Srp.hex(bPublic);
        Map<String, String> data = new HashMap<>(carried);
        data.putAll(Map.of("A", Srp.hex(a), "b", sealPrivate(context.pool().id(), b), "B", bPublicHex, "secretBlock", block,
                "userIdForSrp", userIdForSrp));
        AuthSession session = new AuthSession(context.pool().id(), context.client().clientId(), user == null ? null : user.sub(), username,
                context.authFlow(), PASSWORD_VERIFIER, clock.instant().getEpochSecond(), data);
        return sessions.create(context.client(), session).map(id -> AuthResponse.challenge(PASSWORD_VERIFIER, id, Map.of(
                "SALT", Srp.hex(salt),
                "SRP_B", bPublicHex,
                "SECRET_BLOCK", block,
                "USER_ID_FOR_SRP", userIdForSrp,
                "USERNAME", user == null ? username : user.username())));
    }

    /** The server's private value b, sealed with the master key before it goes to Redis. */
    private String sealPrivate(String poolId, BigInteger b) {
        return Base64.getEncoder().encodeToString(cipher.encrypt(Srp.hex(b), privateContext(poolId)));
    }

    static BigInteger openPrivate(SecretCipher cipher, String poolId, String sealed) {
        return Srp.parseHex(cipher.decrypt(Base64.getDecoder().decode(sealed), privateContext(poolId)));
    }

    private static String privateContext(String poolId) {
        return "srp-session/" + poolId;
    }

    /** SRP_A as hex; A mod N = 0 would let a client force the shared secret, so it is refused. */
    static BigInteger clientPublic(String hex) {
        BigInteger a;
        try {
            a = Srp.parseHex(hex);
        } catch (NumberFormatException e) {
            throw CognitoException.invalidParameter("SRP_A is not a hexadecimal number");
        }
        if (a.signum() <= 0 || a.mod(Srp.N).signum() == 0) {
            throw new CognitoException("NotAuthorizedException", "Incorrect username or password.");
        }
        return a;
    }

}
