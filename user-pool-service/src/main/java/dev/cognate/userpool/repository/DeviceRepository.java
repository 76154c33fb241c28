package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.Device;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Queries of {@code devices} (confirmed devices) and {@code refresh_family_devices} (the device of each sign-in's family). */
@ApplicationScoped
public class DeviceRepository {

    /** Told of every write that changes what an access token's check reads (GetUser, userInfo). */
    @Inject
    AccessTokenStandings standings;

    /** The device a refresh-token family was issued for, and whether its sign-in issued it (NewDeviceMetadata). */
    public record FamilyDevice(String deviceKey, String deviceGroupKey, boolean newDevice) {
    }

    public Uni<Void> bindFamily(SqlClient tx, UUID familyId, FamilyDevice device) {
        return tx.preparedQuery("INSERT INTO refresh_family_devices (family_id, device_key, device_group_key, new_device) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(familyId, device.deviceKey(), device.deviceGroupKey(), device.newDevice()))
                .replaceWithVoid();
    }

    public Uni<Optional<FamilyDevice>> familyDevice(SqlClient sql, UUID familyId) {
        return sql.preparedQuery("SELECT device_key, device_group_key, new_device FROM refresh_family_devices WHERE family_id = $1")
                .execute(Tuple.of(familyId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
                        .map(row -> new FamilyDevice(row.getString("device_key"), row.getString("device_group_key"), row.getBoolean("new_device"))));
    }

    /** ConfirmDevice: the device with its verifier; confirming it again (the same user) replaces verifier, salt and name. */
    public Uni<Boolean> upsert(SqlClient tx, Device device) {
        return tx.preparedQuery("INSERT INTO devices (user_pool_id, device_key, sub, device_group_key, sealed_verifier, salt, device_name,"
                        + " remembered, created_at, modified_at, last_authenticated_at, last_ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11)"
                        + " ON CONFLICT (user_pool_id, device_key) DO UPDATE SET sealed_verifier = $5, salt = $6, device_name = $7,"
                        + " remembered = $8, modified_at = $9 WHERE devices.sub = $3")
                .execute(Tuple.from(Arrays.asList(device.userPoolId(), device.deviceKey(), device.sub(), device.deviceGroupKey(),
                        Buffer.buffer(device.sealedVerifier()), device.saltHex(), device.deviceName(), device.remembered(),
                        utc(device.createdAt()), utc(device.lastAuthenticatedAt()), device.lastIp())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The device of {@code sub} with that key (a device of another user is no device of this one). */
    public Uni<Optional<Device>> find(SqlClient sql, String poolId, UUID sub, String deviceKey, boolean lock) {
        return sql.preparedQuery("SELECT * FROM devices WHERE user_pool_id = $1 AND sub = $2 AND device_key = $3" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(poolId, sub, deviceKey))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** Up to {@code limit} devices of the user with keys after {@code afterKey} (null: from the first), in key order. */
    public Uni<List<Device>> list(SqlClient sql, String poolId, UUID sub, String afterKey, int limit) {
        return sql.preparedQuery("SELECT * FROM devices WHERE user_pool_id = $1 AND sub = $2 AND ($3::text IS NULL OR device_key > $3)"
                        + " ORDER BY device_key LIMIT $4")
                .execute(Tuple.of(poolId, sub, afterKey, limit))
                .map(DeviceRepository::readAll);
    }

    public Uni<Boolean> updateStatus(SqlClient tx, String poolId, UUID sub, String deviceKey, boolean remembered, Instant now) {
        return tx.preparedQuery("UPDATE devices SET remembered = $4, modified_at = $5 WHERE user_pool_id = $1 AND sub = $2 AND device_key = $3")
                .execute(Tuple.of(poolId, sub, deviceKey, remembered, utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> delete(SqlClient tx, String poolId, UUID sub, String deviceKey) {
        return tx.preparedQuery("DELETE FROM devices WHERE user_pool_id = $1 AND sub = $2 AND device_key = $3")
                .execute(Tuple.of(poolId, sub, deviceKey))
                .map(rows -> rows.rowCount() == 1);
    }

    /** ForgetDevice: the refresh-token families of the device's sign-ins revoked (their refresh and access tokens refused). */
    public Uni<Void> revokeFamilies(SqlClient tx, String poolId, UUID sub, String deviceKey, Instant now) {
        return tx.preparedQuery("UPDATE refresh_token_families SET revoked_at = $4 WHERE user_pool_id = $1 AND sub = $2 AND revoked_at IS NULL"
                        + " AND family_id IN (SELECT family_id FROM refresh_family_devices WHERE device_key = $3)")
                .execute(Tuple.of(poolId, sub, deviceKey, utc(now)))
                .call(() -> standings.changed(tx, poolId, sub))
                .replaceWithVoid();
    }

    /** A sign-in with the device: its last-authenticated date and address. */
    public Uni<Void> signedIn(SqlClient tx, String poolId, String deviceKey, Instant now, String ip) {
        return tx.preparedQuery("UPDATE devices SET last_authenticated_at = $3, last_ip = COALESCE($4, last_ip) WHERE user_pool_id = $1 AND device_key = $2")
                .execute(Tuple.of(poolId, deviceKey, utc(now), ip))
                .replaceWithVoid();
    }

    private static List<Device> readAll(RowSet<Row> rows) {
        List<Device> devices = new ArrayList<>();
        rows.forEach(row -> devices.add(read(row)));
        return devices;
    }

    private static Device read(Row row) {
        return new Device(row.getString("user_pool_id"), row.getString("device_key"), row.getUUID("sub"), row.getString("device_group_key"),
                row.getBuffer("sealed_verifier").getBytes(), row.getString("salt"), row.getString("device_name"), row.getBoolean("remembered"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("modified_at")),
                instant(row.getOffsetDateTime("last_authenticated_at")), row.getString("last_ip"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
