package dev.cognate.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * Fills a new user pool with N users for the {@code list-users-*} load scenarios: creates the pool through
 * the API of the local stack ({@code deploy/local/.state/stack.json}), then writes the users, and the
 * ListUsers search index exactly as user-pool-service writes it, straight into PostgreSQL with
 * {@code generate_series} (creating a million users through AdminCreateUser would hash a million
 * passwords). User {@code i}: username {@code user<i>}, email {@code user<i>@example.com},
 * family_name {@code Family<i % 100000>}, no password.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cognate.benchmarks.load.SeedUsers [--users 1000000]
 *     [--stack deploy/local/.state/stack.json] [--jdbc jdbc:postgresql://localhost:15432/cognate]</pre>
 */
public final class SeedUsers {

    private static final int BATCH = 100_000;

    private SeedUsers() {
    }

    static String email(long user) {
        return "user" + user + "@example.com";
    }

    /** The first digits of a user's family name: matches about 1 in 900 users, so a prefix page is always full. */
    static String familyNamePrefix(long user) {
        return "Family" + (100 + user % 900);
    }

    public static void main(String[] args) throws Exception {
        long users = 1_000_000;
        Path stack = LoadOptions.DEFAULT_STACK;
        String jdbc = "jdbc:postgresql://localhost:15432/cognate";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--users" -> users = Long.parseLong(args[i + 1]);
                case "--stack" -> stack = Path.of(args[i + 1]);
                case "--jdbc" -> jdbc = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        JsonNode description = new ObjectMapper().readTree(Files.readString(stack));
        JsonNode credentials = description.path("operatorCredentials");
        String poolId;
        try (CognitoIdentityProviderClient idp = CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(description.path("endpoints").path("userPool").asText()))
                .region(Region.of(description.path("region").asText("us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        credentials.path("accessKeyId").asText(), credentials.path("secretAccessKey").asText())))
                .build()) {
            poolId = idp.createUserPool(r -> r.poolName("cognate-bench-" + System.currentTimeMillis())).userPool().id();
        }
        System.out.println("created pool " + poolId + "; seeding " + users + " users");
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(jdbc, "cognate", "cognate")) {
            db.setAutoCommit(false);
            for (long from = 1; from <= users; from += BATCH) {
                long to = Math.min(users, from + BATCH - 1);
                seed(db, poolId, from, to);
                db.commit();
                System.out.printf("  %,d users%n", to);
            }
            try (var analyze = db.createStatement()) {
                analyze.execute("ANALYZE user_pool.users");
                analyze.execute("ANALYZE user_pool.user_search");
            }
            db.commit();
        }
        System.out.printf("seeded %,d users in %.1f s%n", users, (System.nanoTime() - started) / 1e9);
        System.out.println("run: java -cp benchmarks/target/benchmarks.jar dev.cognate.benchmarks.load.LoadHarness --stack"
                + " --scenario list-users-exact --pool " + poolId + " --users " + users);
    }

    private static void seed(Connection db, String poolId, long from, long to) throws Exception {
        execute(db, """
                INSERT INTO user_pool.users (user_pool_id, sub, username, username_key, status, enabled, attributes, created_at, last_modified_at)
                SELECT ?, gen_random_uuid(), 'user' || i, 'user' || i, 'CONFIRMED', true,
                       jsonb_build_object('email', 'user' || i || '@example.com', 'email_verified', 'true',
                                          'family_name', 'Family' || (100 + i % 900) || lpad((i % 1000)::text, 3, '0')),
                       now(), now()
                FROM generate_series(?::bigint, ?::bigint) AS i""", poolId, from, to);
        // fresh statistics first: planned on an empty table's, the index inserts below joined users to the batch by
        // nested loops over sequential scans (20 minutes for the first 100,000 users on 2026-12-07)
        execute(db, "ANALYZE user_pool.users");
        for (String column : List.of("username", "sub", "cognito:user_status", "status", "email", "family_name")) {
            String value = switch (column) {
                case "username" -> "u.username";
                case "sub" -> "u.sub::text";
                case "cognito:user_status" -> "u.status";
                case "status" -> "'Enabled'";
                default -> "u.attributes->>'" + column + "'";
            };
            execute(db, "INSERT INTO user_pool.user_search (user_pool_id, attribute, value, sub) SELECT u.user_pool_id, '" + column
                    + "', " + value + ", u.sub FROM user_pool.users u WHERE u.user_pool_id = ? AND u.username IN"
                    + " (SELECT 'user' || i FROM generate_series(?::bigint, ?::bigint) AS i)", poolId, from, to);
        }
    }

    private static void execute(Connection db, String sql, Object... parameters) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
