package dev.fieldgate.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.sdk.internal.GraphQLExecutor;
import dev.fieldgate.sdk.internal.GraphQLWire;
import dev.fieldgate.sdk.internal.Json;
import dev.fieldgate.sdk.internal.RealtimeClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
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
 */
public final class FieldgateClient implements AutoCloseable {

    private final FieldgateConfig config;
    private final AppSyncAuthorizer defaultAuthorizer;
    private final GraphQLExecutor executor;
    private final Builder settings;
    private final HttpClient http;
    private final GraphQLWire wire;
    private final Object realtimeLock = new Object();
    private RealtimeClient realtime;
    private boolean closed;

    private FieldgateClient(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        URI endpoint = config.graphqlEndpoint()
                .orElseThrow(() -> new FieldgateConfigException(
                        "The configuration has no GraphQL endpoint (data.url in the outputs file); deploy the API or start "
                                + "the local stack, then read the outputs file again."));
        this.defaultAuthorizer = b.authorizer;
        this.settings = b.copy();
        this.http = b.httpClient != null
                ? b.httpClient
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(b.connectTimeout)
                        .build();
        this.wire = new GraphQLWire(b.objectMapper != null ? b.objectMapper : Json.newMapper());
        this.executor = new GraphQLExecutor(
                endpoint, config.region(), http, wire, b.retryPolicy, b.requestTimeout, defaultAuthorizer, b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this client's settings, to make a differently configured client. */
    public Builder toBuilder() {
        return settings.copy();
    }

    public FieldgateConfig config() {
        return config;
    }

    /** Runs a query or mutation with the client's settings. */
    public <T> GraphQLResponse<T> execute(GraphQLOperation<T> operation) {
        return executor.execute(operation, RequestOverride.none());
    }

    /** Runs a query or mutation with per-request settings (another authorizer, idempotency, timeout). */
    public <T> GraphQLResponse<T> execute(GraphQLOperation<T> operation, Consumer<RequestOverride.Builder> override) {
        RequestOverride.Builder b = RequestOverride.builder();
        override.accept(b);
        return executor.execute(operation, b.build());
    }

    public <T> GraphQLResponse<T> execute(GraphQLOperation<T> operation, RequestOverride override) {
        return executor.execute(operation, Objects.requireNonNull(override, "override"));
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
        return subscribe(operation, listener, RequestOverride.none());
    }

    /** Starts a subscription authorized per {@code override} (each subscription carries its own authorization). */
    public <T> Subscription subscribe(
            GraphQLOperation<T> operation,
            SubscriptionListener<T> listener,
            Consumer<RequestOverride.Builder> override) {
        RequestOverride.Builder b = RequestOverride.builder();
        override.accept(b);
        return subscribe(operation, listener, b.build());
    }

    public <T> Subscription subscribe(
            GraphQLOperation<T> operation, SubscriptionListener<T> listener, RequestOverride override) {
        Objects.requireNonNull(listener, "listener");
        return realtime().subscribe(operation, listener, override.authorizer().orElse(null));
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
        return "FieldgateClient[" + config.graphqlEndpoint().orElse(null) + ", default " + defaultAuthorizer + "]";
    }

    /** Builds a {@link FieldgateClient}; only the configuration is required. */
    public static final class Builder {
        private FieldgateConfig config;
        private AppSyncAuthorizer authorizer;
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RetryPolicy reconnectPolicy = RetryPolicy.builder()
                .baseDelay(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(30))
                .build();
        private int maxReconnectAttempts = 10;
        private Duration subscriptionAckTimeout = Duration.ofSeconds(15);
        private Duration realtimeProbeInterval = Duration.ofSeconds(15);
        private ObjectMapper objectMapper;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.config = config;
            b.authorizer = authorizer;
            b.httpClient = httpClient;
            b.connectTimeout = connectTimeout;
            b.requestTimeout = requestTimeout;
            b.retryPolicy = retryPolicy;
            b.reconnectPolicy = reconnectPolicy;
            b.maxReconnectAttempts = maxReconnectAttempts;
            b.subscriptionAckTimeout = subscriptionAckTimeout;
            b.realtimeProbeInterval = realtimeProbeInterval;
            b.objectMapper = objectMapper;
            b.clock = clock;
            return b;
        }

        /** Where the API is ({@code data.url}, {@code custom.fieldgate.realtime_url}). Required. */
        public Builder config(FieldgateConfig config) {
            this.config = config;
            return this;
        }

        /** How requests are authorized unless a request says otherwise. */
        public Builder authorizer(AppSyncAuthorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /** A JDK HTTP client to share (its own connect timeout then applies). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** How long to wait for a TCP/TLS connection (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for each HTTP attempt's answer (default 30 s; AppSync itself stops at 30 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** Retries of queries (and of mutations marked idempotent); default 3 attempts with jittered backoff. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Backoff between reconnection attempts of the real-time connection (default 1 s base, 30 s cap). Only the
         * policy's delays apply here; how many attempts are made is {@link #maxReconnectAttempts(int)}.
         */
        public Builder reconnectPolicy(RetryPolicy reconnectPolicy) {
            this.reconnectPolicy = Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
            return this;
        }

        /** Reconnection attempts before subscriptions fail (default 10). */
        public Builder maxReconnectAttempts(int maxReconnectAttempts) {
            if (maxReconnectAttempts < 0) {
                throw new IllegalArgumentException("maxReconnectAttempts must not be negative");
            }
            this.maxReconnectAttempts = maxReconnectAttempts;
            return this;
        }

        /** How long AppSync may take to acknowledge the connection and each subscription (default 15 s). */
        public Builder subscriptionAckTimeout(Duration timeout) {
            this.subscriptionAckTimeout = positive(timeout, "subscriptionAckTimeout");
            return this;
        }

        /**
         * After this long without a frame from AppSync, the real-time connection is probed with a WebSocket ping; a
         * ping that cannot be written means the connection is gone, and it is reopened at once rather than after
         * AppSync's keep-alive timeout (minutes). Default 15 s; {@link Duration#ZERO} turns probing off.
         */
        public Builder realtimeProbeInterval(Duration interval) {
            Objects.requireNonNull(interval, "realtimeProbeInterval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("realtimeProbeInterval must not be negative");
            }
            this.realtimeProbeInterval = interval;
            return this;
        }

        /** The mapper for variables and results; the default maps AppSync's scalars to java.time types. */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = objectMapper;
            return this;
        }

        /** The clock used to read {@code Retry-After} dates. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public FieldgateClient build() {
            return new FieldgateClient(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
