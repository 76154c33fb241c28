package dev.cognate.userpool.crypto;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds SRP's fixed-base table of g ({@link Srp#prepare()}) at start-up on a worker thread, so that neither start-up
 * waits for it nor the first SRP sign-in pays it (~8,000 multiplications, seconds while the JIT is cold); a sign-in that
 * comes sooner waits for the table (class initialisation), never sees half of it.
 */
@Startup
@ApplicationScoped
public class SrpPrecomputation {

    public SrpPrecomputation() {
        Infrastructure.getDefaultWorkerPool().execute(Srp::prepare);
    }
}
