package dev.fieldgate.sdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A subscription's events as a {@link Flow.Publisher}, with back-pressure: the subscriber receives no more events
 * than it requested, and events AppSync sends meanwhile wait in a bounded buffer
 * ({@link FieldgateClientBuilder#subscriptionBufferSize(int)}; a full buffer ends the subscription with a
 * {@link SubscriptionOverflowException}).
 *
 * <p>The AppSync subscription starts when a subscriber subscribes and stops when it cancels; AppSync's refusal or
 * a connection that cannot be restored arrive as {@code onError} with the SDK's exceptions, a normal end as
 * {@code onComplete}. Reconnections are invisible here (events sent while the connection was down are missed;
 * {@link SubscriptionListener#onInterrupted} reports them to listeners). One subscriber per publisher: ask the client
 * for another publisher for another subscriber.
 *
 * <p>With Reactor: {@code Flux<GraphQLResponse<Pin>> pins = JdkFlowAdapter.flowPublisherToFlux(publisher);}
 *
 * @param <T> the operation's result type
 */
public interface SubscriptionPublisher<T> extends Flow.Publisher<GraphQLResponse<T>> {

    /**
     * Completes when AppSync acknowledged the subscription ({@code start_ack}), after a subscriber subscribed;
     * events published from then on are delivered. Fails with AppSync's refusal.
     */
    CompletableFuture<Void> started();
}
