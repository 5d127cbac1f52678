package dev.fieldgate.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Calls an AppSync GraphQL API: queries and mutations over HTTP, subscriptions over AppSync's real-time WebSocket
 * protocol, each authorized by the client's default {@link AppSyncAuthorizer} or one given per request.
 * Thread-safe; create one per API and share it.
 *
 * <pre>{@code
 * FieldgateConfig config = FieldgateConfig.fromOutputsFile(Path.of("amplify_outputs.json"));
 * CognitoUserPoolAuth auth = CognitoUserPoolAuth.builder().config(config).build();
 * auth.signIn("alice@example.com", password);
 * try (FieldgateClient client = FieldgateClient.builder()
 *         .config(config)
 *         .authorizer(AppSyncAuthorizer.userPool(auth))
 *         .build()) {
 *     GraphQLResponse<Pin> created = client.execute(createPin);        // typed
 *     GraphQLResponse<JsonNode> raw = client.execute("query { listPins { items { id } } }", Map.of());
 * }
 * }</pre>
 *
 * <p>Failures throw a {@link FieldgateException} subclass. A response that has data is returned even when some
 * fields failed ({@link GraphQLResponse#errors()}); an operation that produced no data throws, e.g.
 * {@link NotAuthorizedException} for AppSync's {@code Unauthorized}.
 *
 * <p>{@link FieldgateAsyncClient} does the same without blocking ({@code CompletableFuture}s).
 */
public final class FieldgateClient implements AutoCloseable {

    private final ClientCore core;

    private FieldgateClient(Builder b) {
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
    public <T> GraphQLResponse<T> execute(GraphQLOperation<T> operation) {
        return core.executor().execute(operation, RequestOverride.none());
    }

    /** Runs a query or mutation with per-request settings (another authorizer, idempotency, timeout). */
    public <T> GraphQLResponse<T> execute(GraphQLOperation<T> operation, Consumer<RequestOverride.Builder> override) {
        return core.executor().execute(operation, ClientCore.override(override));
    }

    public <T> GraphQLResponse<T> execute(GraphQLOperation<T> operation, RequestOverride override) {
        return core.executor().execute(operation, Objects.requireNonNull(override, "override"));
    }

    /** Runs a document as written and returns the whole {@code data} object as a tree. */
    public GraphQLResponse<JsonNode> execute(String document, Map<String, ?> variables) {
        return execute(GraphQLOperation.raw(document).withVariables(variables));
    }

    /**
     * Starts a subscription on the client's real-time connection (opened on first use, shared by all
     * subscriptions, closed when the last one stops).
     */
    public <T> Subscription subscribe(GraphQLOperation<T> operation, SubscriptionListener<T> listener) {
        return core.subscribe(operation, listener, RequestOverride.none());
    }

    /** Starts a subscription authorized per {@code override} (each subscription carries its own authorization). */
    public <T> Subscription subscribe(
            GraphQLOperation<T> operation,
            SubscriptionListener<T> listener,
            Consumer<RequestOverride.Builder> override) {
        return core.subscribe(operation, listener, ClientCore.override(override));
    }

    public <T> Subscription subscribe(
            GraphQLOperation<T> operation, SubscriptionListener<T> listener, RequestOverride override) {
        return core.subscribe(operation, listener, override);
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

    /** Stops every subscription and closes the real-time connection. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "FieldgateClient[" + core + "]";
    }

    /** Builds a {@link FieldgateClient}; only the configuration is required. */
    public static final class Builder extends FieldgateClientBuilder<Builder, FieldgateClient> {

        private Builder() {}

        @Override
        public FieldgateClient build() {
            return new FieldgateClient(this);
        }
    }
}
