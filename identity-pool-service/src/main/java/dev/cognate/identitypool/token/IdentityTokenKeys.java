package dev.cognate.identitypool.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.secrets.MasterKeyCipher;
import dev.cognate.tokens.JwksSource;
import dev.cognate.tokens.JwtSigner;
import dev.cognate.tokens.PublicJwk;
import dev.cognate.tokens.PublicKeys;
import dev.cognate.tokens.SigningAlgorithm;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RS512 keys of identity OpenID tokens, kept in {@code identity_token_keys} (private key sealed under the master
 * key) so every replica signs with the same key and a restart changes nothing, and rotated as the user pools' signing
 * keys: each key signs from its {@code active_from} until the next key's.
 * <ul>
 *   <li><b>next</b>: {@link #rotateIfDue} inserts it {@code key-publish-ahead} before the current key has signed for
 *       {@code key-rotation-interval}; it is published at once, so verifiers caching the JWKS know it before it signs;</li>
 *   <li><b>current</b>: the key with the latest {@code active_from} not in the future: it signs;</li>
 *   <li><b>previous</b>: keys whose successor took over less than {@code key-retention} ago: still published, so tokens
 *       they signed verify until they expire; older keys are deleted.</li>
 * </ul>
 * Rotation runs under a PostgreSQL advisory lock, so any number of replicas can run the job ({@link IdentityTokenKeyRotationJob}):
 * one acts, the others find nothing due. Replicas cache the keys for {@link #CACHE_TTL} and choose the current key by
 * the clock, so a key published ahead starts signing on every replica at its time without a reload.
 */
@ApplicationScoped
public class IdentityTokenKeys {

    static final SigningAlgorithm ALGORITHM = SigningAlgorithm.RS512;
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored key without its private part. */
    record StoredKey(String kid, ObjectNode publicJwk, Instant activeFrom) {
    }

    private record Cached(List<StoredKey> keys, Instant loadedAt) {
    }

    private final Pool db;
    private final MasterKeyCipher cipher;
    private final CognateConfig.IdentityTokens config;
    private final Clock clock;
    private final JwksSource verificationKeys;
    private final Map<String, JwtSigner> signers = new ConcurrentHashMap<>();
    private volatile Cached cached;

    public IdentityTokenKeys(Pool db, MasterKeyCipher cipher, CognateConfig config, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.config = config.identityTokens();
        this.clock = clock;
        this.verificationKeys = new VerificationKeys();
    }

    /** The context a key's PKCS#8 is sealed under the master key with (also what its re-seal after a master-key rotation uses). */
    public static String sealingContext(String kid) {
        return "identity-token-signing-key:" + kid;
    }

    /** The signer of the current key; when there is none yet (the first token), the first key is created. */
    public Uni<JwtSigner> signer() {
        return keys().chain(keys -> {
            StoredKey current = current(keys, clock.instant());
            if (current != null) {
                return signerOf(current.kid());
            }
            return rotateIfDue().chain(this::reload).chain(reloaded -> signerOf(current(reloaded, clock.instant()).kid()));
        });
    }

    /** Every published key (next, current, previous) as its public JWK, newest first. */
    public Uni<List<ObjectNode>> jwks() {
        return keys().map(keys -> published(keys, clock.instant()));
    }

    /**
     * The published keys as verifiers of this service use them (STS AssumeRoleWithWebIdentity); a token with a kid they
     * lack reloads them, at most once per {@link #MIN_RELOAD_INTERVAL}, so invented kids cannot turn requests into queries.
     */
    public JwksSource verificationKeys() {
        return verificationKeys;
    }

    private List<ObjectNode> published(List<StoredKey> keys, Instant now) {
        List<ObjectNode> published = new ArrayList<>();
        for (int i = keys.size() - 1; i >= 0; i--) {
            StoredKey key = keys.get(i);
            Instant supersededAt = i + 1 < keys.size() ? keys.get(i + 1).activeFrom() : null;
            if (supersededAt == null || supersededAt.plus(config.keyRetention()).isAfter(now)) {
                published.add(PublicJwk.of(key.kid(), ALGORITHM, PublicJwk.publicKey(key.publicJwk())));
            }
        }
        return published;
    }

    /** {@link JwksSource} over the cached keys: reloaded for an unknown kid unless reloaded less than 5 s ago. */
    private final class VerificationKeys implements JwksSource {

        private volatile Instant lastReload;

        @Override
        public CompletionStage<PublicKeys> keys() {
            return jwks().map(PublicKeys::ofJwks).subscribeAsCompletionStage();
        }

        @Override
        public CompletionStage<PublicKeys> keysAfterUnknownKid(String kid) {
            Instant now = clock.instant();
            Instant last = lastReload;
            // a clock that went backwards (tests move it) must not block reloads until it catches up
            if (last != null && last.plus(MIN_RELOAD_INTERVAL).isAfter(now) && !last.isAfter(now)) {
                return keys();
            }
            lastReload = now;
            return reload(null).map(keys -> PublicKeys.ofJwks(published(keys, clock.instant()))).subscribeAsCompletionStage();
        }
    }

    /**
     * Creates what is due, under the rotation lock: the first key (active now) when no key is active, the next key when
     * the current one has signed for {@code key-rotation-interval} minus {@code key-publish-ahead}; deletes keys retired
     * longer than {@code key-retention} ago. Safe to run on every replica at once.
     *
     * @return the kid of the key created, or {@code null} when nothing was due
     */
    public Uni<String> rotateIfDue() {
        // checked without the lock first: on most runs nothing is due, and a key costs tens of milliseconds to generate
        return load(db).chain(keys -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (dueActivation(keys, now) == null && retired(keys, now).isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            return generate().chain(fresh -> db.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('identity_token_keys'))")
                    .execute().chain(() -> load(tx)).chain(locked -> {
                        // another replica may have acted between the first look and the lock
                        Instant activeFrom = dueActivation(locked, now);
                        Uni<String> created = activeFrom == null ? Uni.createFrom().nullItem() : insert(tx, fresh, activeFrom, now);
                        return created.call(() -> delete(tx, retired(locked, now)));
                    })));
        }).invoke(created -> cached = null);
    }

    /** When a key to create now would become active, or {@code null} when none is due. */
    private Instant dueActivation(List<StoredKey> keys, Instant now) {
        StoredKey current = current(keys, now);
        if (current == null) {
            return now;
        }
        StoredKey newest = keys.get(keys.size() - 1);
        Instant due = current.activeFrom().plus(config.keyRotationInterval());
        if (newest != current || now.isBefore(due.minus(config.keyPublishAhead()))) {
            return null;
        }
        Instant earliest = now.plus(config.keyPublishAhead());
        return due.isAfter(earliest) ? due : earliest;
    }

    /** The next use reads the keys again (tests that delete them). */
    void forgetCachedKeys() {
        cached = null;
    }

    /** The key whose {@code active_from} is the latest not after {@code now}; keys are in {@code active_from} order. */
    private static StoredKey current(List<StoredKey> keys, Instant now) {
        StoredKey current = null;
        for (StoredKey key : keys) {
            if (!key.activeFrom().isAfter(now)) {
                current = key;
            }
        }
        return current;
    }

    private Uni<List<StoredKey>> keys() {
        Cached loaded = cached;
        Instant now = clock.instant();
        // loaded "in the future": the clock went backwards (tests move it), so the cache's age is unknown
        if (loaded != null && loaded.loadedAt().plus(CACHE_TTL).isAfter(now) && !loaded.loadedAt().isAfter(now)) {
            return Uni.createFrom().item(loaded.keys());
        }
        return reload(null);
    }

    private Uni<List<StoredKey>> reload(Object ignored) {
        Instant now = clock.instant();
        // no key yet is not cached: the first key may be created by another replica any moment
        return load(db).invoke(keys -> cached = keys.isEmpty() ? null : new Cached(keys, now));
    }

    private static Uni<List<StoredKey>> load(SqlClient sql) {
        return sql.preparedQuery("SELECT kid, public_jwk, active_from FROM identity_token_keys ORDER BY active_from, kid").execute()
                .map(rows -> {
                    List<StoredKey> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(new StoredKey(row.getString("kid"), json(row.getJsonObject("public_jwk")),
                            row.getOffsetDateTime("active_from").toInstant())));
                    return keys;
                });
    }

    private Uni<JwtSigner> signerOf(String kid) {
        JwtSigner known = signers.get(kid);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return db.preparedQuery("SELECT kid, private_key FROM identity_token_keys WHERE kid = $1").execute(Tuple.of(kid))
                .map(rows -> {
                    JwtSigner opened = open(rows.iterator().next());
                    signers.put(kid, opened);
                    return opened;
                });
    }

    private JwtSigner open(Row row) {
        String kid = row.getString("kid");
        byte[] pkcs8 = Base64.getDecoder().decode(cipher.decrypt(row.getBuffer("private_key").getBytes(), sealingContext(kid)));
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return JwtSigner.of(ALGORITHM, kid, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("identity token key " + kid + " is unreadable", e);
        }
    }

    /** RSA key generation costs tens of milliseconds: never on the event loop. A key that turns out not to be due is dropped. */
    private static Uni<KeyPair> generate() {
        return Uni.createFrom().item(() -> {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<String> insert(SqlClient tx, KeyPair pair, Instant activeFrom, Instant now) {
        String kid = UUID.randomUUID().toString();
        byte[] sealed = cipher.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), sealingContext(kid));
        ObjectNode jwk = PublicJwk.of(kid, ALGORITHM, pair.getPublic());
        return tx.preparedQuery("INSERT INTO identity_token_keys (kid, private_key, public_jwk, created_at, active_from) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(kid, Buffer.buffer(sealed), new JsonObject(jwk.toString()), now.atOffset(ZoneOffset.UTC),
                        activeFrom.atOffset(ZoneOffset.UTC)))
                .replaceWith(kid);
    }

    /** Keys whose successor took over more than {@code key-retention} ago: published no more. */
    private List<String> retired(List<StoredKey> keys, Instant now) {
        List<String> retired = new ArrayList<>();
        for (int i = 0; i + 1 < keys.size(); i++) {
            Instant supersededAt = keys.get(i + 1).activeFrom();
            if (!supersededAt.plus(config.keyRetention()).isAfter(now)) {
                retired.add(keys.get(i).kid());
            }
        }
        return retired;
    }

    private static Uni<Void> delete(SqlClient tx, List<String> kids) {
        if (kids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("DELETE FROM identity_token_keys WHERE kid = ANY($1)").execute(Tuple.of(kids.toArray(new String[0])))
                .replaceWithVoid();
    }

    private static ObjectNode json(JsonObject object) {
        try {
            return (ObjectNode) JSON.readTree(object.encode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
