package dev.fieldgate.sdk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value that expires (tokens, credentials), refreshed ahead of its expiry by one caller at a time:
 *
 * <ul>
 *   <li>fresh (more than {@code prefetch} before expiry): returned at once;</li>
 *   <li>due (within {@code prefetch} but more than {@code stale} before expiry): one caller refreshes while the
 *       others keep using the current value; a failed prefetch is logged and the current value kept;</li>
 *   <li>stale (within {@code stale} of expiry, or expired) or absent: callers queue on one lock, the first
 *       refreshes, the rest get its result — 64 threads arriving at expiry cause one refresh.</li>
 * </ul>
 *
 * @param <T> the cached value
 */
public final class SingleFlightCache<T> {

    private static final Logger LOG = LoggerFactory.getLogger(SingleFlightCache.class);

    /** Produces a new value from the current one (null when there is none). */
    @FunctionalInterface
    public interface Loader<T> {
        T load(T current);
    }

    private final Loader<T> loader;
    private final Function<T, Instant> expiry;
    private final Clock clock;
    private final Duration prefetch;
    private final Duration stale;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile T value;

    public SingleFlightCache(
            Loader<T> loader, Function<T, Instant> expiry, Clock clock, Duration prefetch, Duration stale) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prefetch = Objects.requireNonNull(prefetch, "prefetch");
        this.stale = Objects.requireNonNull(stale, "stale");
        if (prefetch.compareTo(stale) < 0) {
            throw new IllegalArgumentException("prefetch must not be shorter than stale");
        }
    }

    public T get() {
        T current = value;
        if (current != null) {
            Instant expires = expiry.apply(current);
            Instant now = clock.instant();
            if (now.isBefore(expires.minus(prefetch))) {
                return current;
            }
            if (now.isBefore(expires.minus(stale))) {
                if (lock.tryLock()) {
                    try {
                        if (value == current) {
                            value = loader.load(current);
                        }
                    } catch (RuntimeException e) {
                        LOG.debug(
                                "refreshing ahead of expiry failed ({}); the current value stays in use until it "
                                        + "is stale",
                                e.getClass().getSimpleName());
                    } finally {
                        lock.unlock();
                    }
                }
                return value;
            }
        }
        lock.lock();
        try {
            T latest = value;
            if (latest == null || !clock.instant().isBefore(expiry.apply(latest).minus(stale))) {
                latest = loader.load(latest);
                value = latest;
            }
            return latest;
        } finally {
            lock.unlock();
        }
    }

    /** The cached value without refreshing it (may be null or expired). */
    public T peek() {
        return value;
    }

    public void set(T newValue) {
        lock.lock();
        try {
            value = newValue;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the value; the next {@link #get()} loads a new one. */
    public void clear() {
        set(null);
    }
}
