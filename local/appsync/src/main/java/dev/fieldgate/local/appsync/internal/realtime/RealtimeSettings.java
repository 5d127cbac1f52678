package dev.fieldgate.local.appsync.internal.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The timings of the real-time endpoint.
 *
 * @param keepAlive         how often a connection gets {@code ka}; AppSync sends it about every minute
 * @param connectionTimeout the connection timeout promised in {@code connection_ack} (AppSync: 300,000 ms), also
 *                          how long a connection may be silent both ways before the server drops it
 * @param clock             the clock credentials expire by, the one the stack verifies them with
 */
public record RealtimeSettings(Duration keepAlive, Duration connectionTimeout, Clock clock) {

    /** AppSync's {@code ka} interval. */
    public static final Duration KEEP_ALIVE = Duration.ofMinutes(1);
    /** AppSync's connection timeout, {@code "connectionTimeoutMs":300000}. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofMinutes(5);

    public RealtimeSettings {
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(clock, "clock");
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("The keep-alive interval must be positive.");
        }
        // A client that hears no ka within the timeout reconnects, so ka must come well within it.
        if (keepAlive.compareTo(connectionTimeout) >= 0) {
            throw new IllegalArgumentException("The keep-alive interval (" + keepAlive.toMillis()
                    + " ms) must be shorter than the connection timeout (" + connectionTimeout.toMillis() + " ms).");
        }
    }
}
