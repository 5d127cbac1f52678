package dev.fieldgate.sdk;

import java.time.Duration;

/** A running subscription. Closing it stops it ({@code stop}) and closes the connection when it was the last. */
public interface Subscription extends AutoCloseable {

    /** The subscription id used on the real-time connection. */
    String id();

    /**
     * Waits until AppSync acknowledged the subscription ({@code start_ack}).
     *
     * @throws FieldgateException the refusal if AppSync refused it, or a {@link NetworkException} on timeout
     */
    void awaitStarted(Duration timeout);

    /** Whether the subscription is still running (not closed, refused or failed). */
    boolean isActive();

    /** Stops the subscription; idempotent. */
    @Override
    void close();
}
