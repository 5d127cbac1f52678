package dev.fieldgate.sdk;

/**
 * Receives a subscription's events. Called on the client's real-time thread, one event at a time and in order;
 * hand long work to another executor.
 *
 * @param <T> the operation's result type
 */
@FunctionalInterface
public interface SubscriptionListener<T> {

    /** An event: the decoded result field, plus any per-field errors that came with it. */
    void onEvent(GraphQLResponse<T> event);

    /** AppSync acknowledged the subscription; events published from now on are delivered. */
    default void onStarted() {}

    /**
     * The connection dropped (no keep-alive in time, network failure) and the client is reconnecting; events
     * published until {@link #onStarted()} is called again are missed. Queries can catch up on them.
     */
    default void onInterrupted(FieldgateException cause) {}

    /**
     * The subscription ended with an error and will not deliver more events: AppSync refused it
     * ({@link NotAuthorizedException}, {@link InvalidRequestException}) or reconnecting failed.
     */
    default void onError(FieldgateException error) {}

    /** The subscription ended normally (closed by the caller or completed by AppSync). */
    default void onComplete() {}
}
