package dev.cognate.userpool.service;

import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.crypto.Srp;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.SrpVerifierRepository;
import dev.cognate.userpool.repository.SrpVerifierRepository.StoredVerifier;
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
 * password; read by the SRP sign-in flows. The exponentiation runs on a worker thread, not the event loop.
 */
@ApplicationScoped
public class SrpVerifierStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An opened verifier. */
    public record Verifier(String userIdForSrp, BigInteger salt, BigInteger v) {
    }

    private final SrpVerifierRepository verifiers;
    private final SecretCipher cipher;

    public SrpVerifierStore(SrpVerifierRepository verifiers, SecretCipher cipher) {
        this.verifiers = verifiers;
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
                    return new StoredVerifier(pool.id(), user.sub(), userId, salt.toString(16),
                            cipher.encrypt(v.toString(16), context(pool.id(), user.sub())));
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(stored -> verifiers.upsert(tx, stored, now));
    }

    Uni<Void> delete(SqlClient tx, String poolId, UUID sub) {
        return verifiers.delete(tx, poolId, sub);
    }

    public Uni<Optional<Verifier>> find(SqlClient sql, String poolId, UUID sub) {
        return verifiers.find(sql, poolId, sub).map(found -> found.map(stored -> new Verifier(stored.userIdForSrp(),
                new BigInteger(stored.salt(), 16), new BigInteger(cipher.decrypt(stored.sealedVerifier(), context(poolId, sub)), 16))));
    }

    /** The sealing context of the stored value (also what the re-seal job rebuilds from the row). */
    public static String context(String poolId, UUID sub) {
        return "srp-verifier/" + poolId + "/" + sub;
    }
}
