package dev.cognate.secrets;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Re-sealing after a rotation, on a real PostgreSQL, by two "replicas" at once. */
class SealedColumnResealerTest {

    private static final String OLD_KEY = "ci+6XcPDGvIVEOPTKh9PA3lsj2JfAPr5sSbgG/tOCIk=";
    private static final String NEW_KEY = "VpLAE9KzEeoJBCTzpdtmVZ2WycM5QzAcbV6EC7Q/L/I=";
    private static final String LOST_KEY = "q0fKXJ0m9Qd5l2N8yVbq1c3fWm2o4s6u8w0y2A4C6E8=";
    private static final SealedColumn SECRETS = new SealedColumn("secrets", "sealed", List.of("pool_id", "id"),
            keys -> "secret:" + keys.get(0) + ":" + keys.get(1));

    private static EmbeddedPostgres postgres;
    private static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        db = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void table() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS secrets");
            s.execute("CREATE TABLE secrets (pool_id TEXT NOT NULL, id UUID NOT NULL, sealed BYTEA, PRIMARY KEY (pool_id, id))");
        }
    }

    @Test
    void twoReplicasReSealEveryRowUnderTheNewKeyOnceAndTheOldKeyCanGo() throws Exception {
        MasterKeyCipher old = new MasterKeyCipher(Optional.of(OLD_KEY));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add(insert(old, "eu-west-1_pool" + (i % 3), "value-" + i));
        }
        insertNull();
        MasterKeyCipher rotated = new MasterKeyCipher(Optional.of(NEW_KEY), Optional.of(OLD_KEY));
        SealedColumnResealer first = new SealedColumnResealer(db, rotated, 20);
        SealedColumnResealer second = new SealedColumnResealer(db, rotated, 20);
        assertThat(first.remaining(SECRETS)).isEqualTo(250);

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        List<Future<Integer>> runs = replicas.invokeAll(List.<Callable<Integer>>of(() -> first.resealAll(SECRETS), () -> second.resealAll(SECRETS)));
        replicas.shutdown();
        int resealed = runs.get(0).get() + runs.get(1).get();

        assertThat(resealed).as("every row re-sealed exactly once across the replicas").isEqualTo(250);
        assertThat(first.remaining(SECRETS)).isZero();
        MasterKeyCipher newOnly = new MasterKeyCipher(Optional.of(NEW_KEY));
        for (int i = 0; i < ids.size(); i++) {
            assertThat(newOnly.decrypt(sealed(ids.get(i)), "secret:eu-west-1_pool" + (i % 3) + ":" + ids.get(i))).isEqualTo("value-" + i);
        }
        assertThat(first.resealAll(SECRETS)).as("nothing left to do").isZero();
    }

    @Test
    void aValueNoConfiguredKeyOpensIsLeftAndCounted() throws Exception {
        UUID lost = insert(new MasterKeyCipher(Optional.of(LOST_KEY)), "p", "gone");
        UUID kept = insert(new MasterKeyCipher(Optional.of(OLD_KEY)), "p", "kept");
        byte[] lostBefore = sealed(lost);
        SealedColumnResealer resealer = new SealedColumnResealer(db, new MasterKeyCipher(Optional.of(NEW_KEY), Optional.of(OLD_KEY)), 1);

        assertThat(resealer.resealAll(SECRETS)).isEqualTo(1);

        assertThat(sealed(lost)).as("left unchanged").isEqualTo(lostBefore);
        assertThat(resealer.remaining(SECRETS)).isEqualTo(1);
        assertThat(new MasterKeyCipher(Optional.of(NEW_KEY)).decrypt(sealed(kept), "secret:p:" + kept)).isEqualTo("kept");
    }

    @Test
    void withoutAKeyThereIsNothingToDo() throws Exception {
        insert(new MasterKeyCipher(Optional.of(OLD_KEY)), "p", "v");
        SealedColumnResealer none = new SealedColumnResealer(db, new MasterKeyCipher(Optional.empty()), 10);
        assertThat(none.remaining(SECRETS)).isZero();
        assertThat(none.resealAll(SECRETS)).isZero();
    }

    private static UUID insert(MasterKeyCipher cipher, String pool, String value) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO secrets VALUES (?, ?, ?)")) {
            s.setString(1, pool);
            s.setObject(2, id);
            s.setBytes(3, cipher.encrypt(value, "secret:" + pool + ":" + id));
            s.executeUpdate();
        }
        return id;
    }

    private static void insertNull() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO secrets VALUES ('p', ?, NULL)")) {
            s.setObject(1, UUID.randomUUID());
            s.executeUpdate();
        }
    }

    private static byte[] sealed(UUID id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT sealed FROM secrets WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }
}
