package dev.cognate.userpool.repository;

import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.domain.UserStatus;
import dev.cognate.userpool.repository.UserRepository.Standing;
import dev.cognate.testkit.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * The per-instance memory of what an access token's check read: kept for the TTL, dropped at once by a write of the
 * user or its tokens ({@code changed}, {@code poolChanged}), never kept when read while such a write happened, never
 * kept for a token without a user, and off with a TTL of 0. Across instances (two {@code AccessTokenStandings}, each
 * with its own {@link ChangeBroadcast} subscription on the test's real Redis): another instance's write of the user is
 * seen within a moment (not the TTL), a write in flight in another instance's transaction keeps this one from its memory
 * until it ends, and without Redis nothing is used or kept. The writes through
 * the repositories are tested end to end in {@code compat/AccessTokenCachesTest}, with replicas in deploy/local's
 * {@code ReplicasBehindTlsProxyTest}.
 */
@QuarkusTest
class AccessTokenStandingsTest {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Vertx vertx;

    @Inject
    Pool db;

    private final List<ChangeBroadcast> broadcasts = new ArrayList<>();
    /** Announcements heard by the broadcasts of {@link #standings}. */
    private final AtomicInteger heard = new AtomicInteger();

    private static final String POOL = "us-east-1_Test12345";
    private static final Instant ISSUED = Instant.parse("2026-12-07T21:00:00Z");

    /** A clock that only the test moves. */
    private static final class StoppedClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T21:30:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final StoppedClock clock = new StoppedClock();
    private final UUID sub = UUID.randomUUID();
    private final UUID family = UUID.randomUUID();
    private final AtomicInteger reads = new AtomicInteger();

    /** One instance's standings, with its own subscription (subscribed when this returns). */
    private AccessTokenStandings standings(Duration ttl) {
        ChangeBroadcast broadcast = new ChangeBroadcast(redis, vertx);
        broadcasts.add(broadcast);
        broadcast.onStart(null);
        awaitTrue(broadcast::subscribed, "subscribed");
        broadcast.listen(new ChangeBroadcast.Listener() {
            @Override
            public void changed(String name) {
                heard.incrementAndGet();
            }

            @Override
            public void lost() {
            }
        });
        return new AccessTokenStandings(() -> ttl, broadcast, clock);
    }

    /** A write of {@code user} through {@code standings}, once its announcement came back (it drops this instance's entries too). */
    private void changed(AccessTokenStandings standings, UUID user) {
        int before = heard.get();
        standings.changed(null, POOL, user).await().indefinitely();
        awaitTrue(() -> heard.get() > before, "the announcement heard");
    }

    @AfterEach
    void unsubscribe() {
        broadcasts.forEach(ChangeBroadcast::stop);
    }

    /** Until {@code condition} holds, polled every few milliseconds; fails after 10 s naming {@code what}. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
    }

    private Supplier<Uni<Standing>> reader(boolean revoked, boolean withUser) {
        return () -> {
            reads.incrementAndGet();
            Optional<User> user = withUser ? Optional.of(new User(POOL, sub, "user", UserStatus.CONFIRMED, true, Map.of("email", "a@example.com"),
                    null, null, null, null, null, ISSUED, ISSUED)) : Optional.empty();
            return Uni.createFrom().item(new Standing(revoked, user));
        };
    }

    private Standing read(AccessTokenStandings standings, UUID familyId, Supplier<Uni<Standing>> reader) {
        return standings.standing(POOL, sub, familyId, ISSUED, reader).await().indefinitely();
    }

    @Test
    void aStandingIsReadOnceWithinTheTtlAndAgainAfterIt() {
        AccessTokenStandings standings = standings(Duration.ofSeconds(1));
        read(standings, family, reader(false, true));
        read(standings, family, reader(false, true));
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofMillis(999));
        read(standings, family, reader(false, true));
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        read(standings, family, reader(false, true));
        assertThat(reads).hasValue(2);
    }

    @Test
    void aWriteOfTheUserDropsItsStandingsAtOnce() {
        AccessTokenStandings standings = standings(Duration.ofSeconds(30));
        UUID otherFamily = UUID.randomUUID();
        read(standings, family, reader(false, true));
        read(standings, otherFamily, reader(false, true));
        changed(standings, sub);
        assertThat(read(standings, family, reader(true, true)).tokenRevoked()).isTrue();
        assertThat(read(standings, otherFamily, reader(true, true)).tokenRevoked()).isTrue();
        assertThat(reads).hasValue(4);
        changed(standings, UUID.randomUUID());
        read(standings, family, reader(true, true));
        assertThat(reads).as("another user's write keeps this one's").hasValue(4);
        standings.poolChanged(null);
        read(standings, family, reader(true, true));
        assertThat(reads).hasValue(5);
    }

    @Test
    void aStandingReadWhileAWriteHappenedIsUsedButNotKept() {
        AccessTokenStandings standings = standings(Duration.ofSeconds(30));
        Supplier<Uni<Standing>> racing = () -> {
            Uni<Standing> answer = reader(false, true).get();
            // the local drop happens at the call; the returned Uni (the stamp for other instances) is not needed here
            standings.changed(null, POOL, sub);
            return answer;
        };
        assertThat(read(standings, family, racing).user()).isPresent();
        read(standings, family, reader(false, true));
        assertThat(reads).hasValue(2);
    }

    @Test
    void aTokenWithoutAUserIsNeverKept() {
        AccessTokenStandings standings = standings(Duration.ofSeconds(30));
        read(standings, family, reader(false, false));
        read(standings, family, reader(false, true));
        assertThat(reads).hasValue(2);
    }

    @Test
    void aTtlOfZeroReadsEveryTime() {
        AccessTokenStandings standings = standings(Duration.ZERO);
        read(standings, family, reader(false, true));
        read(standings, family, reader(false, true));
        assertThat(reads).hasValue(2);
    }

    @Test
    void anotherInstancesWriteOfTheUserIsSeenWithinAMomentNotTheTtl() {
        AccessTokenStandings here = standings(Duration.ofSeconds(30));
        AccessTokenStandings there = standings(Duration.ofSeconds(30));
        read(here, family, reader(false, true));
        read(here, family, reader(false, true));
        assertThat(reads).hasValue(1);
        changed(there, UUID.randomUUID());
        read(here, family, reader(true, true));
        assertThat(reads).as("another user's write keeps this one's").hasValue(1);
        there.changed(null, POOL, sub).await().indefinitely();
        awaitTrue(() -> read(here, family, reader(true, true)).tokenRevoked(), "the revocation seen here");
        int settled = reads.get();
        read(here, family, reader(true, true));
        assertThat(reads).as("kept again after the announcement").hasValue(settled);
    }

    @Test
    void aWriteInFlightInAnotherInstancesTransactionKeepsThisOneFromItsMemoryUntilItEnds() {
        AccessTokenStandings here = standings(Duration.ofSeconds(30));
        AccessTokenStandings there = standings(Duration.ofSeconds(30));
        read(here, family, reader(false, true));
        SqlConnection connection = db.getConnection().await().indefinitely();
        try {
            Transaction transaction = connection.begin().await().indefinitely();
            there.changed(connection, POOL, sub).await().indefinitely();
            awaitTrue(() -> {
                int before = reads.get();
                read(here, family, reader(false, true));
                return reads.get() > before;
            }, "the write in flight heard here");
            int inFlight = reads.get();
            read(here, family, reader(false, true));
            read(here, family, reader(false, true));
            assertThat(reads).as("in flight: neither used from memory nor kept").hasValue(inFlight + 2);
            transaction.commit().await().indefinitely();
        } finally {
            connection.close().await().indefinitely();
        }
        awaitTrue(() -> {
            read(here, family, reader(true, true));
            int before = reads.get();
            read(here, family, reader(true, true));
            return reads.get() == before;
        }, "kept again once the write's end was heard");
        assertThat(read(here, family, reader(true, true)).tokenRevoked()).isTrue();
    }

    @Test
    void withoutTheSubscriptionNothingIsUsedOrKept() {
        ChangeBroadcast broadcast = new ChangeBroadcast(redis, vertx);
        broadcasts.add(broadcast);
        AccessTokenStandings standings = new AccessTokenStandings(() -> Duration.ofSeconds(30), broadcast, clock);
        read(standings, family, reader(false, true));
        read(standings, family, reader(false, true));
        assertThat(reads).as("not subscribed yet").hasValue(2);
        broadcast.onStart(null);
        awaitTrue(broadcast::subscribed, "subscribed");
        read(standings, family, reader(false, true));
        read(standings, family, reader(false, true));
        assertThat(reads).hasValue(3);
        TestInfrastructure.stopRedis();
        try {
            awaitTrue(() -> !broadcast.subscribed(), "the lost subscription noticed");
            read(standings, family, reader(false, true));
            read(standings, family, reader(false, true));
            assertThat(reads).as("each read goes to the database").hasValue(5);
            assertThatCode(() -> standings.changed(null, POOL, sub).await().indefinitely())
                    .as("a write without Redis stands: the TTL bounds the other instances").doesNotThrowAnyException();
        } finally {
            TestInfrastructure.startRedis();
        }
        awaitTrue(broadcast::subscribed, "subscribed again");
        read(standings, family, reader(false, true));
        read(standings, family, reader(false, true));
        assertThat(reads).as("subscribed again: kept again").hasValue(6);
    }
}
