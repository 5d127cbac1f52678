package dev.fieldgate.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The settings {@link FieldgateClient} and {@link FieldgateAsyncClient} share: where the API is, how requests are
 * authorized, timeouts, retries and the real-time connection. Mutable; {@link #build()} makes an immutable client.
 *
 * @param <B> the concrete builder
 * @param <C> the client it builds
 */
public abstract class FieldgateClientBuilder<B extends FieldgateClientBuilder<B, C>, C> {

    FieldgateConfig config;
    AppSyncAuthorizer authorizer;
    HttpClient httpClient;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration requestTimeout = Duration.ofSeconds(30);
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    RetryPolicy reconnectPolicy = RetryPolicy.builder()
            .baseDelay(Duration.ofSeconds(1))
            .maxBackoff(Duration.ofSeconds(30))
            .build();
    int maxReconnectAttempts = 10;
    Duration subscriptionAckTimeout = Duration.ofSeconds(15);
    Duration realtimeProbeInterval = Duration.ofSeconds(15);
    int subscriptionBufferSize = 256;
    ObjectMapper objectMapper;
    Clock clock = Clock.systemUTC();
    Executor asyncExecutor;

    FieldgateClientBuilder() {}

    /** Takes every setting of {@code other}. */
    final B copyFrom(FieldgateClientBuilder<?, ?> other) {
        config = other.config;
        authorizer = other.authorizer;
        httpClient = other.httpClient;
        connectTimeout = other.connectTimeout;
        requestTimeout = other.requestTimeout;
        retryPolicy = other.retryPolicy;
        reconnectPolicy = other.reconnectPolicy;
        maxReconnectAttempts = other.maxReconnectAttempts;
        subscriptionAckTimeout = other.subscriptionAckTimeout;
        realtimeProbeInterval = other.realtimeProbeInterval;
        subscriptionBufferSize = other.subscriptionBufferSize;
        objectMapper = other.objectMapper;
        clock = other.clock;
        asyncExecutor = other.asyncExecutor;
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Where the API is ({@code data.url}, {@code custom.fieldgate.realtime_url}) and its region. Required. */
    public B config(FieldgateConfig config) {
        this.config = config;
        return self();
    }

    /** How requests are authorized unless a request says otherwise. */
    public B authorizer(AppSyncAuthorizer authorizer) {
        this.authorizer = authorizer;
        return self();
    }

    /**
     * A JDK HTTP client to share (its own connect timeout and executor then apply). Give it an executor and pass
     * the same to {@link #asyncExecutor(Executor)} to keep the async client on one pool.
     */
    public B httpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
        return self();
    }

    /** How long to wait for a TCP/TLS connection (default 10 s). */
    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        return self();
    }

    /** How long to wait for each HTTP attempt's answer (default 30 s; AppSync itself stops at 30 s). */
    public B requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        return self();
    }

    /**
     * Retries of queries (and of mutations marked idempotent); default 3 attempts with jittered backoff. The
     * blocking client waits with the policy's {@link RetryPolicy.Sleeper}; the async client on a timer.
     */
    public B retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        return self();
    }

    /**
     * Backoff between reconnection attempts of the real-time connection (default 1 s base, 30 s cap). Only the
     * policy's delays apply here; how many attempts are made is {@link #maxReconnectAttempts(int)}.
     */
    public B reconnectPolicy(RetryPolicy reconnectPolicy) {
        this.reconnectPolicy = Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
        return self();
    }

    /** Reconnection attempts before subscriptions fail (default 10). */
    public B maxReconnectAttempts(int maxReconnectAttempts) {
        if (maxReconnectAttempts < 0) {
            throw new IllegalArgumentException("maxReconnectAttempts must not be negative");
        }
        this.maxReconnectAttempts = maxReconnectAttempts;
        return self();
    }

    /** How long AppSync may take to acknowledge the connection and each subscription (default 15 s). */
    public B subscriptionAckTimeout(Duration timeout) {
        this.subscriptionAckTimeout = positive(timeout, "subscriptionAckTimeout");
        return self();
    }

    /**
     * After this long without a frame from AppSync, the real-time connection is probed with a WebSocket ping; a
     * ping that cannot be written means the connection is gone, and it is reopened at once rather than after
     * AppSync's keep-alive timeout (minutes). Default 15 s; {@link Duration#ZERO} turns probing off.
     */
    public B realtimeProbeInterval(Duration interval) {
        Objects.requireNonNull(interval, "realtimeProbeInterval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("realtimeProbeInterval must not be negative");
        }
        this.realtimeProbeInterval = interval;
        return self();
    }

    /**
     * How many events a subscription {@link java.util.concurrent.Flow.Publisher} holds for a subscriber that has not
     * requested them yet (default 256). AppSync cannot be asked to wait: when the buffer is full the subscription
     * ends with a {@link SubscriptionOverflowException}.
     */
    public B subscriptionBufferSize(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("subscriptionBufferSize must be at least 1");
        }
        this.subscriptionBufferSize = events;
        return self();
    }

    /** The mapper for variables and results; the default maps AppSync's scalars to java.time types. */
    public B objectMapper(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
        return self();
    }

    /**
     * Where the async client authorizes requests (SigV4 signing, token refreshes that wait for Cognito) and waits
     * out retries; the JDK HTTP client completes its calls on its own executor. Default: a pool of daemon threads
     * that grows with the calls in flight and shrinks when idle, which the client's own HTTP client uses too.
     */
    public B asyncExecutor(Executor executor) {
        this.asyncExecutor = Objects.requireNonNull(executor, "executor");
        return self();
    }

    /** The clock used to read {@code Retry-After} dates. */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** Makes the client; only the configuration is required. */
    public abstract C build();

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }
}
