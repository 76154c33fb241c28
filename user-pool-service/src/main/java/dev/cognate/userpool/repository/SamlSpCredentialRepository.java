package dev.cognate.userpool.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Queries of {@code saml_sp_credentials}: one row per pool, the private keys sealed, the certificates DER. */
@ApplicationScoped
public class SamlSpCredentialRepository {

    /** A stored row; the keys are what crypto/SecretCipher produced. */
    public record Stored(String userPoolId, byte[] signingCertificate, byte[] sealedSigningKey, byte[] encryptionCertificate,
                         byte[] sealedEncryptionKey, Instant createdAt) {
    }

    /** Inserts the pool's credentials unless a concurrent first use did already (the primary key keeps one). */
    public Uni<Void> insertIfAbsent(SqlClient sql, Stored stored) {
        return sql.preparedQuery("INSERT INTO saml_sp_credentials (user_pool_id, signing_certificate, signing_key,"
                        + " encryption_certificate, encryption_key, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
                        + " ON CONFLICT (user_pool_id) DO NOTHING")
                .execute(Tuple.tuple().addString(stored.userPoolId())
                        .addValue(Buffer.buffer(stored.signingCertificate()))
                        .addValue(Buffer.buffer(stored.sealedSigningKey()))
                        .addValue(Buffer.buffer(stored.encryptionCertificate()))
                        .addValue(Buffer.buffer(stored.sealedEncryptionKey()))
                        .addValue(stored.createdAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<Stored>> find(SqlClient sql, String userPoolId) {
        return sql.preparedQuery("SELECT * FROM saml_sp_credentials WHERE user_pool_id = $1").execute(Tuple.of(userPoolId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toStored(rows.iterator().next())));
    }

    private static Stored toStored(Row row) {
        return new Stored(row.getString("user_pool_id"), row.getBuffer("signing_certificate").getBytes(),
                row.getBuffer("signing_key").getBytes(), row.getBuffer("encryption_certificate").getBytes(),
                row.getBuffer("encryption_key").getBytes(), row.getOffsetDateTime("created_at").toInstant());
    }
}
