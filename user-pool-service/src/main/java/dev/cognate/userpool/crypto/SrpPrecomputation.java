package dev.cognate.userpool.crypto;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Builds SRP's fixed-base table of g ({@link Srp#prepare()}) on a worker thread {@link #DELAY_MILLIS} after start-up, so
 * that neither start-up nor readiness shares the CPU with it (~8,000 multiplications: 0.3 s, and as much again for the
 * JIT, while the JVM is cold) and the first SRP sign-in does not pay it; a sign-in that comes sooner builds or waits for
 * the table (class initialisation), never sees half of it.
 */
@ApplicationScoped
public class SrpPrecomputation {

    static final long DELAY_MILLIS = 2_000;

    private final Vertx vertx;

    public SrpPrecomputation(Vertx vertx) {
        this.vertx = vertx;
    }

    void afterStart(@Observes StartupEvent event) {
        vertx.setTimer(DELAY_MILLIS, id -> Infrastructure.getDefaultWorkerPool().execute(Srp::prepare));
    }
}
