package dev.cognate.userpool.token;

import dev.cognate.tokens.BoundedCache;
import dev.cognate.tokens.PublicKeys;
import dev.cognate.userpool.crypto.SecretCipher;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.repository.SigningKeyRepository;
import dev.cognate.userpool.repository.SigningKeyRepository.StoredKey;
import dev.cognate.userpool.repository.UserPoolRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A pool's signing keys: the active one (created on first use — concurrent first uses all end up with the one
 * key the database kept), the public keys the JWKS publishes, and rotation. A retired key stays published for
 * {@link #RETENTION}: the longest token lifetime Cognito allows (one day) plus clock skew, so every token it
 * signed can still be verified.
 *
 * <p>Keys are cached per instance for {@link #CACHE_TTL}; an instance that has not seen a rotation keeps signing
 * with the previous key that long, which verifiers accept because that key is still published. A verifier that meets a
 * kid it has not seen reloads the published keys at most once per {@link #MIN_RELOAD_INTERVAL} per pool, so forged
 * kids cannot turn every request into a query.
 */
@ApplicationScoped
public class SigningKeys {

    public static final Duration RETENTION = Duration.ofDays(1).plus(TokenLifetimes.CLOCK_SKEW);
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);
    /** Pools whose keys are kept in memory at once; beyond it the caches start over (a miss is one query). */
    static final int MAX_CACHED_POOLS = 10_000;

    /**
     * The published keys, the same keys ready to verify signatures, and the JWKS document that lists them, serialised once
     * when the keys are loaded (the JWKS endpoint answers these bytes; they change exactly when the keys are reloaded).
     */
    private record Published(List<SigningKey> keys, PublicKeys verificationKeys, PublishedJwks jwks) {
    }

    private record Cached<T>(T value, Instant loadedAt) {
        boolean freshAt(Instant now) {
            return loadedAt.plus(CACHE_TTL).isAfter(now);
        }
    }

    private final Pool db;
    private final UserPoolRepository pools;
    private final SigningKeyRepository keys;
    private final SecretCipher cipher;
    private final Clock clock;
    // keyed by pool ids that arrive in tokens (an access token's iss): bounded, so invented ones cannot grow the process
    private final BoundedCache<String, Cached<SigningKey>> active = new BoundedCache<>(MAX_CACHED_POOLS);
    private final BoundedCache<String, Cached<Published>> published = new BoundedCache<>(MAX_CACHED_POOLS);
    private final BoundedCache<String, Instant> lastReload = new BoundedCache<>(MAX_CACHED_POOLS);

    public SigningKeys(Pool db, UserPoolRepository pools, SigningKeyRepository keys, SecretCipher cipher, Clock clock) {
        this.db = db;
        this.pools = pools;
        this.keys = keys;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The key that signs the pool's tokens now, created when the pool has none yet. */
    public Uni<SigningKey> activeKey(String poolId) {
        Cached<SigningKey> cached = active.get(poolId).orElse(null);
        if (cached != null && cached.freshAt(clock.instant())) {
            return Uni.createFrom().item(cached.value());
        }
        return keys.findActive(db, poolId)
                .chain(found -> found.isPresent() ? Uni.createFrom().item(found.get()) : createFirstKey(poolId))
                .map(this::open)
                .invoke(key -> active.put(poolId, new Cached<>(key, clock.instant())));
    }

    /** What the JWKS lists: the active key and the keys retired less than {@link #RETENTION} ago; the pool must exist. */
    public Uni<List<SigningKey>> publishedKeys(String poolId) {
        return published(poolId).map(Published::keys);
    }

    /** The JWKS document of the published keys, serialised (and its ETag), as the JWKS endpoint serves it. */
    public Uni<PublishedJwks> publishedJwks(String poolId) {
        return published(poolId).map(Published::jwks);
    }

    /** The published keys as a verifier uses them. */
    public Uni<PublicKeys> verificationKeys(String poolId) {
        return published(poolId).map(Published::verificationKeys);
    }

    /**
     * The published keys after a token named {@code kid} that they did not have: reloaded, unless this pool's keys were
     * reloaded less than {@link #MIN_RELOAD_INTERVAL} ago (then the cached ones).
     */
    public Uni<PublicKeys> verificationKeysAfterUnknownKid(String poolId, String kid) {
        Cached<Published> cached = published.get(poolId).orElse(null);
        if (cached != null && cached.value().verificationKeys().contains(kid)) {
            return Uni.createFrom().item(cached.value().verificationKeys());
        }
        Instant now = clock.instant();
        Instant last = lastReload.get(poolId).orElse(null);
        if (last != null && last.plus(MIN_RELOAD_INTERVAL).isAfter(now)) {
            return verificationKeys(poolId);
        }
        lastReload.put(poolId, now);
        return reloadPublishedKeys(poolId).chain(() -> verificationKeys(poolId));
    }

    /** The published keys, reloaded now, whenever asked (the JWKS after an operator's change, tests). */
    public Uni<List<SigningKey>> reloadPublishedKeys(String poolId) {
        published.remove(poolId);
        return publishedKeys(poolId);
    }

    private Uni<Published> published(String poolId) {
        Cached<Published> cached = published.get(poolId).orElse(null);
        if (cached != null && cached.freshAt(clock.instant())) {
            return Uni.createFrom().item(cached.value());
        }
        return pools.require(db, poolId)
                .chain(() -> activeKey(poolId))
                .chain(() -> keys.findPublished(db, poolId, clock.instant().minus(RETENTION)))
                .map(stored -> {
                    List<SigningKey> list = stored.stream().map(SigningKeys::publicOnly).toList();
                    return new Published(list, PublicKeys.ofJwks(list.stream().map(SigningKey::jwk).toList()), PublishedJwks.of(list));
                })
                .invoke(loaded -> published.put(poolId, new Cached<>(loaded, clock.instant())));
    }

    /**
     * {@code CognateAdmin.RotateSigningKey}: a new key signs from now on; the previous one is retired but stays
     * published for {@link #RETENTION}.
     */
    public Uni<SigningKey> rotateSigningKey(String poolId) {
        return generate(poolId).chain(fresh -> db.withTransaction(tx -> pools.require(tx, poolId)
                        .chain(() -> keys.lockPoolKeys(tx, poolId))
                        .chain(() -> keys.retireActive(tx, poolId, fresh.createdAt()))
                        .chain(() -> keys.insertActiveIfNone(tx, seal(fresh))))
                .invoke(() -> {
                    active.put(poolId, new Cached<>(fresh, clock.instant()));
                    published.remove(poolId);
                })
                .replaceWith(fresh));
    }

    private Uni<StoredKey> createFirstKey(String poolId) {
        return generate(poolId)
                .chain(fresh -> keys.insertActiveIfNone(db, seal(fresh)))
                .chain(() -> keys.findActive(db, poolId))
                .map(found -> found.orElseThrow(() -> UserPool.notFound(poolId)));
    }

    /** RSA key generation costs tens of milliseconds: never on the event loop. */
    private Uni<SigningKey> generate(String poolId) {
        return Uni.createFrom().item(() -> SigningKey.generate(poolId, clock.instant()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private StoredKey seal(SigningKey key) {
        String pkcs8 = Base64.getEncoder().encodeToString(key.privateKey().getEncoded());
        return new StoredKey(key.userPoolId(), key.kid(), cipher.encrypt(pkcs8, context(key.userPoolId(), key.kid())), key.jwk(),
                key.createdAt(), null);
    }

    private SigningKey open(StoredKey stored) {
        byte[] pkcs8 = Base64.getDecoder().decode(cipher.decrypt(stored.sealedPrivateKey(), context(stored.userPoolId(), stored.kid())));
        return new SigningKey(stored.userPoolId(), stored.kid(), SigningKey.privateKeyOf(pkcs8), SigningKey.publicKeyOf(stored.publicJwk()),
                stored.publicJwk(), stored.createdAt(), stored.retiredAt());
    }

    private static SigningKey publicOnly(StoredKey stored) {
        return new SigningKey(stored.userPoolId(), stored.kid(), null, SigningKey.publicKeyOf(stored.publicJwk()), stored.publicJwk(),
                stored.createdAt(), stored.retiredAt());
    }

    /** The sealing context of the stored value (also what the re-seal job rebuilds from the row). */
    public static String context(String poolId, String kid) {
        return "signing-key/" + poolId + "/" + kid;
    }
}
