package dev.cognate.userpool.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserFilter;
import dev.cognate.userpool.domain.UserStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Queries of {@code users} and the lookup tables written with each user row: {@code user_aliases}
 * (sign-in aliases) and {@code user_search} (ListUsers filters). Callers pass the connection so
 * writes join their transaction.
 */
@ApplicationScoped
public class UserRepository {

    /** Told of every write that changes what an access token's check reads (GetUser, userInfo). */
    @Inject
    AccessTokenStandings standings;

    /** The unique constraints whose violation means "already taken" (a concurrent create or alias). */
    public static final String USERNAME_CONSTRAINT = "users_user_pool_id_username_key_key";
    public static final String ALIAS_CONSTRAINT = "user_aliases_pkey";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "user_pool_id, sub, username, status, enabled, attributes, password_hash, password_changed_at,"
            + " temporary_password_expires_at, mfa_options, mfa_preference, created_at, last_modified_at";
    /** The columns {@link #toUser} reads, qualified with the alias {@code u} for joins. */
    static final String U_COLUMNS = "u." + COLUMNS.replace(", ", ", u.");

    public Uni<Void> insert(SqlClient sql, User user, String usernameKey, Map<String, String> aliases) {
        return sql.preparedQuery("INSERT INTO users (" + COLUMNS + ", username_key)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
                .execute(Tuple.from(values(user, usernameKey)))
                .chain(() -> writeLookups(sql, user, aliases));
    }

    /** Rewrites the user row (all but its username) and its lookup rows. */
    public Uni<Void> update(SqlClient sql, User user, Map<String, String> aliases) {
        return sql.preparedQuery("UPDATE users SET status = $3, enabled = $4, attributes = $5, password_hash = $6, password_changed_at = $7,"
                        + " temporary_password_expires_at = $8, mfa_options = $9, mfa_preference = $10, last_modified_at = $11"
                        + " WHERE user_pool_id = $1 AND sub = $2")
                .execute(Tuple.from(new Object[] {user.userPoolId(), user.sub(), user.status().name(), user.enabled(),
                        new JsonObject(new LinkedHashMap<String, Object>(user.attributes())), user.passwordHash(),
                        utc(user.passwordChangedAt()), utc(user.temporaryPasswordExpiresAt()), jsonArray(user.mfaOptions()),
                        jsonObject(user.mfaPreference()), utc(user.lastModifiedDate())}))
                .call(() -> standings.changed(sql, user.userPoolId(), user.sub()))
                .chain(() -> sql.preparedQuery("DELETE FROM user_aliases WHERE user_pool_id = $1 AND sub = $2")
                        .execute(Tuple.of(user.userPoolId(), user.sub())))
                .chain(() -> sql.preparedQuery("DELETE FROM user_search WHERE user_pool_id = $1 AND sub = $2")
                        .execute(Tuple.of(user.userPoolId(), user.sub())))
                .chain(() -> writeLookups(sql, user, aliases));
    }

    /**
     * Replaces the password hash {@code currentHash} with {@code newHash} (the same password, hashed again with new
     * parameters) and nothing else; {@code false} when the user's hash is no longer {@code currentHash} (the password
     * changed meanwhile, which then wins).
     */
    public Uni<Boolean> replacePasswordHash(SqlClient sql, String poolId, UUID sub, String currentHash, String newHash) {
        return sql.preparedQuery("UPDATE users SET password_hash = $4 WHERE user_pool_id = $1 AND sub = $2 AND password_hash = $3")
                .execute(Tuple.of(poolId, sub, currentHash, newHash))
                .call(() -> standings.changed(sql, poolId, sub))
                .map(result -> result.rowCount() > 0);
    }

    public Uni<Boolean> delete(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery("DELETE FROM users WHERE user_pool_id = $1 AND sub = $2").execute(Tuple.of(poolId, sub))
                .call(() -> standings.changed(sql, poolId, sub))
                .map(result -> result.rowCount() > 0);
    }

    public Uni<Optional<User>> findByUsernameKey(SqlClient sql, String poolId, String usernameKey, boolean lock) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE user_pool_id = $1 AND username_key = $2" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(poolId, usernameKey)).map(UserRepository::first);
    }

    public Uni<Optional<User>> findBySub(SqlClient sql, String poolId, UUID sub, boolean lock) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE user_pool_id = $1 AND sub = $2" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(poolId, sub)).map(UserRepository::first);
    }

    /** An access token's user and whether the token was revoked ({@link RefreshTokenRepository#REVOKED}); no user when none has the sub. */
    public record Standing(boolean tokenRevoked, Optional<User> user) {
    }

    /**
     * GetUser and userInfo in one statement instead of two: whether the access token of family {@code familyId} issued at
     * {@code issuedAt} was revoked, and the user of {@code sub}, read together (one row always, the user's columns null
     * when there is no such user).
     */
    public Uni<Standing> findBySubUnlessRevoked(SqlClient sql, String poolId, UUID sub, UUID familyId, Instant issuedAt) {
        return sql.preparedQuery("SELECT " + RefreshTokenRepository.REVOKED + " AS token_revoked, " + U_COLUMNS
                        + " FROM (SELECT 1) AS one LEFT JOIN users u ON u.user_pool_id = $1 AND u.sub = $2")
                .execute(Tuple.of(poolId, sub, familyId, issuedAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Optional<User> user = row.getUUID("sub") == null ? Optional.empty() : Optional.of(toUser(row));
                    return new Standing(row.getBoolean("token_revoked"), user);
                });
    }

    /** The user holding an alias of one of {@code kinds} with this key. */
    public Uni<Optional<User>> findByAlias(SqlClient sql, String poolId, List<String> kinds, List<String> keys, boolean lock) {
        return sql.preparedQuery("SELECT " + U_COLUMNS + " FROM user_aliases a JOIN users u ON u.user_pool_id = a.user_pool_id AND u.sub = a.sub"
                        + " WHERE a.user_pool_id = $1 AND (a.kind, a.alias_key) IN (SELECT * FROM unnest($2::text[], $3::text[]))"
                        + " ORDER BY a.kind LIMIT 1" + (lock ? " FOR UPDATE OF u" : ""))
                .execute(Tuple.of(poolId, kinds.toArray(String[]::new), keys.toArray(String[]::new))).map(UserRepository::first);
    }

    /** Who holds an alias now: its owner's sub, if any. */
    public Uni<Optional<UUID>> aliasOwner(SqlClient sql, String poolId, String kind, String key) {
        return sql.preparedQuery("SELECT sub FROM user_aliases WHERE user_pool_id = $1 AND kind = $2 AND alias_key = $3")
                .execute(Tuple.of(poolId, kind, key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("sub")));
    }

    public Uni<Long> count(SqlClient sql, String poolId) {
        return sql.preparedQuery("SELECT count(*) FROM users WHERE user_pool_id = $1").execute(Tuple.of(poolId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A page of a pool's users in username order, after {@code afterUsernameKey} when given. */
    public Uni<List<User>> page(SqlClient sql, String poolId, String afterUsernameKey, int limit) {
        // Two statements rather than "$2 IS NULL OR ...", which a generic plan cannot use as an index bound.
        return afterUsernameKey == null
                ? sql.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE user_pool_id = $1 ORDER BY username_key LIMIT $2")
                        .execute(Tuple.of(poolId, limit)).map(UserRepository::all)
                : sql.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE user_pool_id = $1 AND username_key > $2 ORDER BY username_key LIMIT $3")
                        .execute(Tuple.of(poolId, afterUsernameKey, limit)).map(UserRepository::all);
    }

    /** The username key of a user, the sort key of unfiltered pages. */
    public Uni<String> usernameKey(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery("SELECT username_key FROM users WHERE user_pool_id = $1 AND sub = $2").execute(Tuple.of(poolId, sub))
                .map(rows -> rows.iterator().next().getString(0));
    }

    /**
     * A page of the users whose indexed value of {@code attribute} equals {@code from} ({@code exact}) or
     * lies in {@code [from, to)} ({@code to} {@code null}: no upper bound), in (value, sub) order after {@code (afterValue, afterSub)} when given.
     * Each row is a user with the indexed value it was found by.
     */
    public Uni<List<Map.Entry<String, User>>> search(SqlClient sql, String poolId, String attribute, String from, String to,
                                                     boolean exact, String afterValue, UUID afterSub, int limit) {
        List<Object> args = new ArrayList<>(List.of(poolId, attribute, from));
        StringBuilder where = new StringBuilder("s.user_pool_id = $1 AND s.attribute = $2 AND s.value " + (exact ? "= $3" : ">= $3"));
        if (to != null) {
            args.add(to);
            where.append(" AND s.value < $").append(args.size());
        }
        if (afterValue != null && exact && afterValue.equals(from)) {
            // The next page of an exact filter: the value is fixed, so seek by sub alone. With the row comparison below,
            // PostgreSQL positions the index scan by "value = $3" and filters "(value, sub) > ..." row by row, so page n of
            // a value many users share (status, cognito:user_status) read every entry before it: 250 ms at 900,000 users.
            args.add(afterSub);
            where.append(" AND s.sub > $").append(args.size()).append("::uuid");
        } else if (afterValue != null) {
            args.add(afterValue);
            args.add(afterSub);
            where.append(" AND (s.value, s.sub) > ($").append(args.size() - 1).append(", $").append(args.size()).append("::uuid)");
        }
        args.add(limit);
        String query = "SELECT s.value AS search_value, " + U_COLUMNS + " FROM user_search s"
                + " JOIN users u ON u.user_pool_id = s.user_pool_id AND u.sub = s.sub"
                + " WHERE " + where + " ORDER BY s.value, s.sub LIMIT $" + args.size();
        return sql.preparedQuery(query).execute(Tuple.from(args)).map(rows -> {
            List<Map.Entry<String, User>> found = new ArrayList<>();
            rows.forEach(row -> found.add(Map.entry(row.getString("search_value"), toUser(row))));
            return found;
        });
    }

    private static Uni<Void> writeLookups(SqlClient sql, User user, Map<String, String> aliases) {
        Map<String, String> search = UserFilter.indexedValues(user);
        Uni<?> aliasRows = aliases.isEmpty() ? Uni.createFrom().voidItem()
                : sql.preparedQuery("INSERT INTO user_aliases (user_pool_id, kind, alias_key, sub)"
                        + " SELECT $1, kind, alias_key, $2 FROM unnest($3::text[], $4::text[]) AS t(kind, alias_key)")
                        .execute(Tuple.of(user.userPoolId(), user.sub(), aliases.keySet().toArray(String[]::new),
                                aliases.values().toArray(String[]::new)));
        return aliasRows.chain(() -> sql.preparedQuery("INSERT INTO user_search (user_pool_id, attribute, value, sub)"
                        + " SELECT $1, attribute, value, $2 FROM unnest($3::text[], $4::text[]) AS t(attribute, value)")
                .execute(Tuple.of(user.userPoolId(), user.sub(), search.keySet().toArray(String[]::new), search.values().toArray(String[]::new))))
                .replaceWithVoid();
    }

    private static Object[] values(User user, String usernameKey) {
        return new Object[] {user.userPoolId(), user.sub(), user.username(), user.status().name(), user.enabled(),
                new JsonObject(new LinkedHashMap<String, Object>(user.attributes())), user.passwordHash(), utc(user.passwordChangedAt()),
                utc(user.temporaryPasswordExpiresAt()), jsonArray(user.mfaOptions()), jsonObject(user.mfaPreference()),
                utc(user.creationDate()), utc(user.lastModifiedDate()), usernameKey};
    }

    private static Optional<User> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toUser(rows.iterator().next()));
    }

    private static List<User> all(RowSet<Row> rows) {
        List<User> users = new ArrayList<>();
        rows.forEach(row -> users.add(toUser(row)));
        return users;
    }

    static User toUser(Row row) {
        Map<String, String> attributes = new LinkedHashMap<>();
        row.getJsonObject("attributes").forEach(entry -> attributes.put(entry.getKey(), String.valueOf(entry.getValue())));
        return new User(row.getString("user_pool_id"), row.getUUID("sub"), row.getString("username"),
                UserStatus.valueOf(row.getString("status")), row.getBoolean("enabled"), attributes, row.getString("password_hash"),
                instant(row.getOffsetDateTime("password_changed_at")), instant(row.getOffsetDateTime("temporary_password_expires_at")),
                mfaOptions(row.getJsonArray("mfa_options")), mfaPreference(row.getJsonObject("mfa_preference")),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("last_modified_at")));
    }

    /**
     * The stored MFA settings as Jackson trees. Most users have none ({@code []}, {@code {}}): those skip
     * {@code convertValue}, which serialises and re-reads the value: two per row, 120 per 60-user ListUsers page.
     */
    private static ArrayNode mfaOptions(JsonArray stored) {
        return stored.isEmpty() ? JSON.createArrayNode() : JSON.convertValue(stored.getList(), ArrayNode.class);
    }

    private static ObjectNode mfaPreference(JsonObject stored) {
        return stored.isEmpty() ? JSON.createObjectNode() : JSON.convertValue(stored.getMap(), ObjectNode.class);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static JsonArray jsonArray(ArrayNode node) {
        return new JsonArray(JSON.convertValue(node, List.class));
    }

    private static JsonObject jsonObject(ObjectNode node) {
        return new JsonObject(JSON.convertValue(node, Map.class));
    }
}
