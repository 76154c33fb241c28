package dev.cognate.userpool.service;

import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.crypto.Srp;
import dev.cognate.userpool.domain.SignInIdentifiers;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.SrpVerifierRepository;
import dev.cognate.userpool.repository.SrpVerifierRepository.StoredVerifier;
import dev.cognate.userpool.repository.SrpVerifierRepository.UserAndVerifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The SRP verifier of a user's current password (USER_SRP_AUTH), kept beside the Argon2id hash: a new random salt and
 * v = g^x mod N for USER_ID_FOR_SRP = the username, sealed with crypto/SecretCipher. Written only by the password write
 * path ({@link UserPasswords}, also for the users {@link UserCreation} creates) in the transaction that sets the
 * password; read by the SRP sign-in flows, together with the user in one statement ({@link #findForSignIn},
 * {@link #findBySub}). The exponentiation runs on a worker thread, not the event loop.
 */
@ApplicationScoped
public class SrpVerifierStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An opened verifier. */
    public record Verifier(String userIdForSrp, BigInteger salt, BigInteger v) {
    }

    /** A user and the opened verifier of its current password (empty when it has none: SRP then answers with a decoy). */
    public record SignInUser(User user, Optional<Verifier> verifier) {
    }

    private final SrpVerifierRepository verifiers;
    private final UserStore users;
    private final SecretCipher cipher;

    public SrpVerifierStore(SrpVerifierRepository verifiers, UserStore users, SecretCipher cipher) {
        this.verifiers = verifiers;
        this.users = users;
        this.cipher = cipher;
    }

    /**
     * Stores the verifier of {@code password}. Without {@code cognate.master-key} nothing is stored (a verifier is never
     * kept in clear): such an installation signs in with the password flows only, and USER_SRP_AUTH is refused as a wrong
     * password would be.
     */
    Uni<Void> save(SqlClient tx, UserPool pool, User user, String password, Instant now) {
        if (!cipher.hasKey()) {
            return Uni.createFrom().voidItem();
        }
        String userId = user.username();
        return Uni.createFrom().item(() -> {
                    byte[] saltBytes = new byte[16];
                    RANDOM.nextBytes(saltBytes);
                    BigInteger salt = new BigInteger(1, saltBytes);
                    BigInteger v = Srp.verifier(Srp.x(Srp.poolName(pool.id()), userId, password, salt));
                    return new StoredVerifier(pool.id(), user.sub(), userId, Srp.hex(salt),
                            cipher.encrypt(Srp.hex(v), context(pool.id(), user.sub())));
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(stored -> verifiers.upsert(tx, stored, now));
    }

    Uni<Void> delete(SqlClient tx, String poolId, UUID sub) {
        return verifiers.delete(tx, poolId, sub);
    }

    public Uni<Optional<Verifier>> find(SqlClient sql, String poolId, UUID sub) {
        return verifiers.find(sql, poolId, sub).map(found -> found.map(this::open));
    }

    /**
     * The user a sign-in name designates (as {@link UserStore#find}) and its verifier, for USER_SRP_AUTH: one statement
     * when the name is a username, the common case; an alias or a {@code sub} takes the user store's lookup, then the
     * verifier's.
     */
    public Uni<Optional<SignInUser>> findForSignIn(SqlClient sql, UserPool pool, String name) {
        return verifiers.findUserByUsernameKey(sql, pool.id(), SignInIdentifiers.of(pool.settings()).usernameKey(name))
                .chain(found -> found.isPresent() ? Uni.createFrom().item(found.map(this::open))
                        : users.findByAliasOrSub(sql, pool, name, false).chain(user -> user.isEmpty()
                                ? Uni.createFrom().item(Optional.<SignInUser>empty())
                                : find(sql, pool.id(), user.get().sub()).map(verifier -> Optional.of(new SignInUser(user.get(), verifier)))));
    }

    /**
     * The user of {@code sub} and its verifier as they are now, in one statement, for PASSWORD_VERIFIER: read again rather
     * than carried from the first step in the session, so that a password set between the two steps (a new salt and
     * verifier) fails the sign-in.
     */
    public Uni<Optional<SignInUser>> findBySub(SqlClient sql, String poolId, UUID sub) {
        return verifiers.findUserBySub(sql, poolId, sub).map(found -> found.map(this::open));
    }

    private SignInUser open(UserAndVerifier found) {
        return new SignInUser(found.user(), found.verifier().map(this::open));
    }

    private Verifier open(StoredVerifier stored) {
        return new Verifier(stored.userIdForSrp(), Srp.parseHex(stored.salt()),
                Srp.parseHex(cipher.decrypt(stored.sealedVerifier(), context(stored.userPoolId(), stored.sub()))));
    }

    /** The sealing context of the stored value (also what the re-seal job rebuilds from the row). */
    public static String context(String poolId, UUID sub) {
        return "srp-verifier/" + poolId + "/" + sub;
    }
}
