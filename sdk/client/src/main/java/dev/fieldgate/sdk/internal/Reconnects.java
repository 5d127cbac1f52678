package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.RetryPolicy;
import java.util.OptionalLong;

/**
 * The reconnect policy: how many times in a row a lost real-time connection is reopened, and after which delay.
 * An acknowledged connection resets the count. Not thread-safe: the client calls it under its lock.
 */
final class Reconnects {

    private final RetryPolicy backoff;
    private final int maxAttempts;
    private int attempts;

    Reconnects(RetryPolicy backoff, int maxAttempts) {
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    /** Counts an attempt and gives its delay in milliseconds; empty when the attempts are used up. */
    OptionalLong next() {
        if (attempts >= maxAttempts) {
            return OptionalLong.empty();
        }
        attempts++;
        return OptionalLong.of(backoff.delayBefore(attempts + 1, null).toMillis());
    }

    /** The attempts made since the last acknowledged connection. */
    int attempts() {
        return attempts;
    }

    void reset() {
        attempts = 0;
    }
}
