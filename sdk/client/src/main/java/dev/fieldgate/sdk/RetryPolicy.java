package dev.fieldgate.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before repeating a failed call. Retried: HTTP 5xx, 429 and network errors — for
 * queries always, for mutations only when the request is marked idempotent (a mutation whose answer was lost may
 * have been applied). The wait is exponential backoff with full jitter, and never shorter than the service's
 * {@code Retry-After}; a {@code Retry-After} longer than {@link Builder#maxRetryAfter} is not waited for (the
 * {@link ThrottledException} carries it instead).
 */
public final class RetryPolicy {

    /** Waits; replaceable so tests and virtual-time schedulers need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;

    private RetryPolicy(Builder b) {
        if (b.maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (1 = no retries)");
        }
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = requirePositive(b.baseDelay, "baseDelay");
        this.maxBackoff = requirePositive(b.maxBackoff, "maxBackoff");
        this.maxRetryAfter = Objects.requireNonNull(b.maxRetryAfter, "maxRetryAfter");
        this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper");
    }

    /** 3 attempts, 100 ms base delay, at most 20 s between attempts, {@code Retry-After} up to 30 s honoured. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** One attempt only. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration baseDelay() {
        return baseDelay;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * The wait before attempt {@code nextAttempt} (2 for the first retry): a random duration in
     * {@code [0, min(maxBackoff, baseDelay * 2^(nextAttempt-2))]}, raised to {@code retryAfter} when given.
     */
    public Duration delayBefore(int nextAttempt, Duration retryAfter) {
        long ceiling = baseDelay.toNanos();
        for (int i = 2; i < nextAttempt && ceiling < maxBackoff.toNanos(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxBackoff.toNanos());
        Duration backoff = Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxBackoff=" + maxBackoff
                + ", maxRetryAfter=" + maxRetryAfter + "]";
    }

    private static Duration requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration baseDelay = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(20);
        private Duration maxRetryAfter = Duration.ofSeconds(30);
        private Sleeper sleeper = THREAD_SLEEP;

        private Builder() {}

        private Builder(RetryPolicy p) {
            maxAttempts = p.maxAttempts;
            baseDelay = p.baseDelay;
            maxBackoff = p.maxBackoff;
            maxRetryAfter = p.maxRetryAfter;
            sleeper = p.sleeper;
        }

        /** Attempts in total, including the first (1 disables retries). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = baseDelay;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** The longest {@code Retry-After} the client waits for before giving up with a {@link ThrottledException}. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
