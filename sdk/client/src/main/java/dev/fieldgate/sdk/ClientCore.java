package dev.fieldgate.sdk;

import dev.fieldgate.sdk.internal.GraphQLExecutor;
import dev.fieldgate.sdk.internal.GraphQLWire;
import dev.fieldgate.sdk.internal.Json;
import dev.fieldgate.sdk.internal.RealtimeClient;
import dev.fieldgate.sdk.internal.RealtimePublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What the blocking and the async client share: the HTTP executor, the real-time connection (opened on first use)
 * and the settings they were built with. Each client adds only its calling convention.
 */
final class ClientCore implements AutoCloseable {

    private final FieldgateConfig config;
    private final AppSyncAuthorizer defaultAuthorizer;
    private final FieldgateClientBuilder<?, ?> settings;
    private final HttpClient http;
    private final GraphQLWire wire;
    private final GraphQLExecutor executor;
    private final Object realtimeLock = new Object();
    private RealtimeClient realtime;
    private boolean closed;

    ClientCore(FieldgateClientBuilder<?, ?> b) {
        this.config = Objects.requireNonNull(b.config, "config");
        URI endpoint = config.graphqlEndpoint()
                .orElseThrow(() -> new FieldgateConfigException(
                        "The configuration has no GraphQL endpoint (data.url in the outputs file); deploy the API or start "
                                + "the local stack, then read the outputs file again."));
        this.defaultAuthorizer = b.authorizer;
        this.settings = FieldgateClient.builder().copyFrom(b);
        Executor async = b.asyncExecutor != null ? b.asyncExecutor : SharedExecutor.INSTANCE;
        this.http = b.httpClient != null
                ? b.httpClient
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(b.connectTimeout)
                        .executor(async)
                        .build();
        this.wire = new GraphQLWire(b.objectMapper != null ? b.objectMapper : Json.newMapper());
        this.executor = new GraphQLExecutor(
                endpoint,
                config.region(),
                http,
                wire,
                b.retryPolicy,
                b.requestTimeout,
                defaultAuthorizer,
                b.clock,
                async);
    }

    /**
     * The default pool of the clients' HTTP calls and async work: daemon threads, as many as there are calls in
     * flight, gone after a minute idle. Shared by every client, so closing one never stops another's calls.
     */
    private static final class SharedExecutor {
        static final ExecutorService INSTANCE = Executors.newCachedThreadPool(new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable task) {
                Thread thread = new Thread(task, "fieldgate-http-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }
        });
    }

    FieldgateConfig config() {
        return config;
    }

    AppSyncAuthorizer defaultAuthorizer() {
        return defaultAuthorizer;
    }

    FieldgateClientBuilder<?, ?> settings() {
        return settings;
    }

    GraphQLExecutor executor() {
        return executor;
    }

    static RequestOverride override(Consumer<RequestOverride.Builder> override) {
        RequestOverride.Builder b = RequestOverride.builder();
        override.accept(b);
        return b.build();
    }

    <T> Subscription subscribe(GraphQLOperation<T> operation, SubscriptionListener<T> listener, RequestOverride o) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(o, "override");
        return realtime().subscribe(operation, listener, o.authorizer().orElse(null));
    }

    <T> SubscriptionPublisher<T> publisher(GraphQLOperation<T> operation, RequestOverride o) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(o, "override");
        return new RealtimePublisher<>(
                listener -> subscribe(operation, listener, o), settings.subscriptionBufferSize, operation.toString());
    }

    private RealtimeClient realtime() {
        synchronized (realtimeLock) {
            if (closed) {
                throw new IllegalStateException("The client is closed.");
            }
            if (realtime == null) {
                URI realtimeEndpoint = config.realtimeEndpoint()
                        .orElseThrow(() -> new FieldgateConfigException(
                                "The configuration has no real-time endpoint (custom.fieldgate.realtime_url)."));
                realtime = new RealtimeClient(
                        realtimeEndpoint,
                        config.graphqlEndpoint().orElseThrow(),
                        config.region(),
                        http,
                        wire,
                        defaultAuthorizer,
                        settings.reconnectPolicy,
                        settings.maxReconnectAttempts,
                        settings.connectTimeout,
                        settings.subscriptionAckTimeout,
                        settings.realtimeProbeInterval);
            }
            return realtime;
        }
    }

    /** Stops every subscription and closes the real-time connection. */
    @Override
    public void close() {
        RealtimeClient r;
        synchronized (realtimeLock) {
            closed = true;
            r = realtime;
            realtime = null;
        }
        if (r != null) {
            r.close();
        }
    }

    @Override
    public String toString() {
        return config.graphqlEndpoint().orElse(null) + ", default " + defaultAuthorizer;
    }
}
