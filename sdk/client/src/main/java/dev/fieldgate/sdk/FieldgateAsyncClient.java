package dev.fieldgate.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The non-blocking twin of {@link FieldgateClient}: the same authorization modes, retries, errors and settings,
 * with every call returning a {@link CompletableFuture} (sent with the JDK client's {@code sendAsync}; retries wait
 * on a timer, not on a thread). Thread-safe; create one per API and share it.
 *
 * <pre>{@code
 * try (FieldgateAsyncClient client = FieldgateAsyncClient.builder()
 *         .config(config)
 *         .authorizer(AppSyncAuthorizer.iam(guest))
 *         .build()) {
 *     CompletableFuture<GraphQLResponse<PinConnection>> page = client.execute(listPins);
 *     page.thenAccept(r -> show(r.data()));
 * }
 * }</pre>
 *
 * <p>A failed call completes its future exceptionally with the {@link FieldgateException} the blocking client
 * would throw ({@code join()} wraps it in a {@code CompletionException}, {@code get()} in an
 * {@code ExecutionException}). Requests are authorized (SigV4 signing, token refreshes) on the client's async
 * executor ({@link FieldgateClientBuilder#asyncExecutor}), never on the calling thread; dependent stages run on that
 * executor or the HTTP client's unless given another, so keep them short or use the {@code ...Async} variants.
 *
 * <p>On a machine with fewer than three CPUs the JDK's {@code HttpClient.sendAsync} hands each response to
 * {@code CompletableFuture}'s default executor, which there starts a thread per task; under load, start the JVM with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=2}.
 */
public final class FieldgateAsyncClient implements AutoCloseable {

    private final ClientCore core;

    private FieldgateAsyncClient(Builder b) {
        this.core = new ClientCore(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this client's settings, to make a differently configured client. */
    public Builder toBuilder() {
        return new Builder().copyFrom(core.settings());
    }

    public FieldgateConfig config() {
        return core.config();
    }

    /** Runs a query or mutation with the client's settings. */
    public <T> CompletableFuture<GraphQLResponse<T>> execute(GraphQLOperation<T> operation) {
        return core.executor().executeAsync(operation, RequestOverride.none());
    }

    /** Runs a query or mutation with per-request settings (another authorizer, idempotency, timeout). */
    public <T> CompletableFuture<GraphQLResponse<T>> execute(
            GraphQLOperation<T> operation, Consumer<RequestOverride.Builder> override) {
        return core.executor().executeAsync(operation, ClientCore.override(override));
    }

    public <T> CompletableFuture<GraphQLResponse<T>> execute(GraphQLOperation<T> operation, RequestOverride override) {
        return core.executor().executeAsync(operation, Objects.requireNonNull(override, "override"));
    }

    /** Runs a document as written; the response's whole {@code data} object as a tree. */
    public CompletableFuture<GraphQLResponse<JsonNode>> execute(String document, Map<String, ?> variables) {
        return execute(GraphQLOperation.raw(document).withVariables(variables));
    }

    /**
     * A subscription's events as a {@link java.util.concurrent.Flow.Publisher} with back-pressure; the subscription
     * starts when a subscriber subscribes. See {@link SubscriptionPublisher}.
     */
    public <T> SubscriptionPublisher<T> publisher(GraphQLOperation<T> operation) {
        return core.publisher(operation, RequestOverride.none());
    }

    /** {@link #publisher(GraphQLOperation)} authorized per {@code override}. */
    public <T> SubscriptionPublisher<T> publisher(
            GraphQLOperation<T> operation, Consumer<RequestOverride.Builder> override) {
        return core.publisher(operation, ClientCore.override(override));
    }

    /** Starts a subscription that tells {@code listener} its events, as {@link FieldgateClient} does. */
    public <T> Subscription subscribe(GraphQLOperation<T> operation, SubscriptionListener<T> listener) {
        return core.subscribe(operation, listener, RequestOverride.none());
    }

    /** {@link #subscribe(GraphQLOperation, SubscriptionListener)} authorized per {@code override}. */
    public <T> Subscription subscribe(
            GraphQLOperation<T> operation,
            SubscriptionListener<T> listener,
            Consumer<RequestOverride.Builder> override) {
        return core.subscribe(operation, listener, ClientCore.override(override));
    }

    /** Stops every subscription and closes the real-time connection; calls in flight still complete. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "FieldgateAsyncClient[" + core + "]";
    }

    /** Builds a {@link FieldgateAsyncClient}; only the configuration is required. */
    public static final class Builder extends FieldgateClientBuilder<Builder, FieldgateAsyncClient> {

        private Builder() {}

        @Override
        public FieldgateAsyncClient build() {
            return new FieldgateAsyncClient(this);
        }
    }
}
