package dev.cognate.triggers.invoke;

import dev.cognate.secrets.MasterKeyCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Each pool's Standard Webhooks secret ({@code whsec_} + base64 of 32 random bytes), kept sealed in
 * {@code webhook_secrets} under the master key (context {@code webhook-secret:<pool id>}, so a sealed value copied to
 * another pool's row does not open). Made on the pool's first trigger call, then read with one query per call;
 * {@link #rotate} replaces it at once (the functions must take the new one: no overlap period yet).
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO webhook_secrets (user_pool_id, sealed_secret) VALUES ($1, $2)
            ON CONFLICT (user_pool_id) DO NOTHING
            """;
    private static final String UPSERT = """
            INSERT INTO webhook_secrets (user_pool_id, sealed_secret) VALUES ($1, $2)
            ON CONFLICT (user_pool_id) DO UPDATE SET sealed_secret = EXCLUDED.sealed_secret, created_at = now()
            """;
    private static final String SELECT = "SELECT sealed_secret FROM webhook_secrets WHERE user_pool_id = $1";

    private final Pool db;
    private final MasterKeyCipher cipher;

    public WebhookSecrets(Pool db, MasterKeyCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /**
     * The pool's secret: one SELECT once it exists (every call but the pool's first). Read each time, not cached, so a
     * {@link #rotate} on another replica signs the very next call.
     */
    public Uni<String> of(String userPoolId) {
        return stored(userPoolId).chain(secret -> secret != null ? Uni.createFrom().item(secret) : made(userPoolId));
    }

    /**
     * The pool's first call: a new secret stored unless another call stored one meanwhile (ON CONFLICT DO NOTHING), then
     * read back, so concurrent first calls all sign with the one that was stored.
     */
    private Uni<String> made(String userPoolId) {
        return db.preparedQuery(INSERT_IF_ABSENT).execute(Tuple.of(userPoolId, sealed(userPoolId, fresh())))
                .chain(() -> stored(userPoolId))
                .map(secret -> {
                    if (secret == null) { // only if the row was deleted between the two statements
                        throw new IllegalStateException("the webhook secret of " + userPoolId + " vanished while it was made");
                    }
                    return secret;
                });
    }

    /** The stored secret, opened, or {@code null} when the pool has none yet. */
    private Uni<String> stored(String userPoolId) {
        return db.preparedQuery(SELECT).execute(Tuple.of(userPoolId))
                .map(rows -> rows.size() == 0 ? null : open(userPoolId, rows.iterator().next()));
    }

    /** A new secret for the pool; the previous one stops signing at once. */
    public Uni<String> rotate(String userPoolId) {
        String secret = fresh();
        return db.preparedQuery(UPSERT).execute(Tuple.of(userPoolId, sealed(userPoolId, secret))).replaceWith(secret);
    }

    private io.vertx.core.buffer.Buffer sealed(String userPoolId, String secret) {
        return io.vertx.core.buffer.Buffer.buffer(cipher.encrypt(secret, context(userPoolId)));
    }

    private String open(String userPoolId, Row row) {
        return cipher.decrypt(row.getBuffer("sealed_secret").getBytes(), context(userPoolId));
    }

    private static String fresh() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return WebhookSigner.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The additional data a pool's secret is sealed with (also what its re-seal after a master-key rotation uses). */
    public static String context(String userPoolId) {
        return "webhook-secret:" + userPoolId;
    }
}
