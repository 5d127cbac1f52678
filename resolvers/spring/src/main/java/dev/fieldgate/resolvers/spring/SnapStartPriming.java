package dev.fieldgate.resolvers.spring;

import dev.fieldgate.resolvers.AppSyncResolver;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primes the function before Lambda SnapStart takes its snapshot: the resolver's own path (parsing, identity,
 * policy, envelope writing — {@link AppSyncResolver#prime()}) and then the app's primers (e.g. one read from each
 * table, so the AWS SDK's classes are loaded and initialized). Whatever runs here is in the snapshot, so the first
 * request after a restore does not pay for it.
 *
 * <p>Registered with CRaC's global context by {@link AppSyncFunctions#register}; without a CRaC runtime (a normal
 * JVM, Lambda without SnapStart) the hooks never run and cost nothing. A primer that fails is logged and skipped:
 * priming must never stop a snapshot.
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final AppSyncResolver resolver;
    private final List<Runnable> primers;

    SnapStartPriming(AppSyncResolver resolver, List<Runnable> primers) {
        this.resolver = resolver;
        this.primers = List.copyOf(primers);
    }

    void register() {
        // CRaC keeps resources weakly: the Spring context holds this bean, which keeps it alive.
        Core.getGlobalContext().register(this);
    }

    /** Runs the priming now; SnapStart calls it through {@link #beforeCheckpoint}. */
    public void prime() {
        long started = System.nanoTime();
        resolver.prime();
        for (Runnable primer : primers) {
            try {
                primer.run();
            } catch (RuntimeException e) {
                LOG.warn("A SnapStart primer failed; the snapshot is taken without it", e);
            }
        }
        LOG.info("Primed the resolver function in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the resolver holds no connections, and the AWS SDK re-establishes its own.
    }
}
