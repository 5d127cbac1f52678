package dev.fieldgate.local.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last requests the local stack served, in a ring of fixed size (the oldest is dropped), for the terminal's
 * one-line-per-request log and the console. Listeners hear of each request as it completes, on the thread that
 * completed it; a listener that throws is logged and does not disturb the request or the other listeners.
 */
public final class RequestLog {

    /** How many requests the ring keeps unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

    private final RequestRecord[] ring;
    private final Clock clock;
    private final List<Consumer<RequestRecord>> listeners = new CopyOnWriteArrayList<>();
    private long next = 1;
    private volatile boolean enabled = true;

    public RequestLog(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ring = new RequestRecord[capacity];
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Turns recording on or off (off: requests are served without a note and nothing is kept). */
    public void enabled(boolean on) {
        this.enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    public int capacity() {
        return ring.length;
    }

    /** Adds a listener for each completed request. */
    public void onRecord(Consumer<RequestRecord> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The log's clock's current instant: when a request arrived. */
    public Instant now() {
        return clock.instant();
    }

    /** Records a completed request and tells the listeners. */
    public RequestRecord record(
            Instant time,
            String service,
            String operation,
            String caller,
            int status,
            String errorType,
            boolean partial,
            long durationNanos,
            List<String> functionLines) {
        RequestRecord record;
        synchronized (ring) {
            long sequence = next++;
            record = new RequestRecord(
                    sequence,
                    time,
                    service,
                    operation,
                    caller,
                    status,
                    errorType,
                    partial,
                    durationNanos,
                    functionLines);
            ring[(int) ((sequence - 1) % ring.length)] = record;
        }
        for (Consumer<RequestRecord> listener : listeners) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                LOG.warn("A request log listener failed: {}", e.toString());
            }
        }
        return record;
    }

    /** The requests kept, oldest first. */
    public List<RequestRecord> recent() {
        return after(0, ring.length);
    }

    /**
     * The requests kept whose sequence number is above {@code sequence}, oldest first, at most {@code max} (the
     * newest ones when there are more).
     */
    public List<RequestRecord> after(long sequence, int max) {
        List<RequestRecord> out = new ArrayList<>();
        synchronized (ring) {
            long last = next - 1;
            long first = Math.max(Math.max(1, last - ring.length + 1), sequence + 1);
            first = Math.max(first, last - Math.max(0, max) + 1);
            for (long s = first; s <= last; s++) {
                out.add(ring[(int) ((s - 1) % ring.length)]);
            }
        }
        return out;
    }
}
