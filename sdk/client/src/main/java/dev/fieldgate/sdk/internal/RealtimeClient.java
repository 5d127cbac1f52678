package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.NetworkException;
import dev.fieldgate.sdk.OperationType;
import dev.fieldgate.sdk.RetryPolicy;
import dev.fieldgate.sdk.Subscription;
import dev.fieldgate.sdk.SubscriptionListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AppSync's real-time protocol over the JDK's WebSocket client: subprotocol {@code graphql-ws}, the connection's
 * authorization as base64 JSON in the {@code header} query parameter, {@code connection_init} /
 * {@code connection_ack}, keep-alive ({@code ka}) watched against the server's {@code connectionTimeoutMs},
 * {@code start} messages that each carry their own authorization (IAM signs the subscription's request), and
 * reconnection with backoff that restarts every running subscription.
 *
 * <p>This class keeps the books: which subscriptions run, on which connection, and when to open, replace or close
 * it. {@link RealtimeConnection} is one WebSocket, {@link RealtimeProtocol} the messages,
 * {@link RealtimeAuthorization} their authorization, {@link RealtimeSubscription} one subscription and its
 * listener, {@link Reconnects} the reconnect policy.
 *
 * <p>Locking: {@code lock} guards the current connection, {@code closed}, the reconnect count and every change to
 * {@code subscriptions} that must agree with them; the map is also read, and a timed-out subscription removed,
 * without it. Under {@code lock} the client may call into a connection (whose monitor comes second) and hand work
 * to subscriptions (which only queue it for their listeners); a connection reports to the client from its own
 * threads, never holding its monitor.
 */
public final class RealtimeClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeClient.class);

    private final GraphQLWire wire;
    private final AppSyncAuthorizer defaultAuthorizer;
    private final RealtimeAuthorization authorization;
    private final RealtimeProtocol protocol;
    private final RealtimeConnection.Settings connectionSettings;
    private final RealtimeConnection.Events events = new ConnectionEvents();
    private final Duration ackTimeout;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService delivery;

    private final Map<String, RealtimeSubscription<?>> subscriptions = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private RealtimeConnection connection;
    private final AtomicInteger generations = new AtomicInteger();
    private final Reconnects reconnects;
    private boolean closed;

    public RealtimeClient(
            URI realtimeEndpoint,
            URI graphqlEndpoint,
            String region,
            HttpClient http,
            GraphQLWire wire,
            AppSyncAuthorizer defaultAuthorizer,
            RetryPolicy reconnectPolicy,
            int maxReconnectAttempts,
            Duration connectTimeout,
            Duration ackTimeout,
            Duration probeInterval) {
        this.wire = wire;
        this.defaultAuthorizer = defaultAuthorizer;
        this.authorization = new RealtimeAuthorization(realtimeEndpoint, graphqlEndpoint, region, wire.mapper());
        this.protocol = new RealtimeProtocol(wire.mapper());
        this.connectionSettings =
                new RealtimeConnection.Settings(http, realtimeEndpoint, connectTimeout, ackTimeout, probeInterval);
        this.reconnects = new Reconnects(reconnectPolicy, maxReconnectAttempts);
        this.ackTimeout = ackTimeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("fieldgate-realtime-timer"));
        this.delivery = Executors.newSingleThreadExecutor(daemon("fieldgate-realtime-events"));
    }

    public <T> Subscription subscribe(
            GraphQLOperation<T> operation, SubscriptionListener<T> listener, AppSyncAuthorizer authorizer) {
        if (operation.type() != OperationType.SUBSCRIPTION) {
            throw new IllegalArgumentException("Only subscriptions run over the real-time connection; call "
                    + "execute(...) for queries and mutations.");
        }
        AppSyncAuthorizer auth = authorizer != null ? authorizer : defaultAuthorizer;
        if (auth == null) {
            throw new FieldgateConfigException("No authorization for this subscription: give the "
                    + "client a default authorizer or pass one per subscription.");
        }
        RealtimeSubscription<T> sub = new RealtimeSubscription<>(
                UUID.randomUUID().toString(), operation, listener, auth, wire, delivery, this::stop);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The client is closed.");
            }
            subscriptions.put(sub.id(), sub);
            if (connection == null) {
                connection = openConnection(auth);
            } else if (connection.isAcknowledged()) {
                start(connection, sub);
            }
        }
        return sub;
    }

    // ---- connection lifecycle (all under lock) --------------------------------------------------------------

    private RealtimeConnection openConnection(AppSyncAuthorizer auth) {
        RealtimeConnection c =
                new RealtimeConnection(generations.incrementAndGet(), auth, connectionSettings, scheduler, events);
        URI uri;
        try {
            uri = authorization.connectUri(auth);
        } catch (FieldgateException e) {
            scheduler.execute(() -> connectionFailed(c, e, false));
            return c;
        }
        c.open(uri);
        return c;
    }

    private void onAck(RealtimeConnection c, long keepAliveTimeoutMs) {
        synchronized (lock) {
            if (c != connection || c.isAcknowledged()) {
                return;
            }
            reconnects.reset();
            c.acknowledged(keepAliveTimeoutMs);
            for (RealtimeSubscription<?> sub : subscriptions.values()) {
                start(c, sub);
            }
        }
    }

    /** Tears a connection down; reconnects when subscriptions remain and the failure is worth retrying. */
    private void connectionFailed(RealtimeConnection c, FieldgateException cause, boolean retry) {
        List<RealtimeSubscription<?>> affected;
        OptionalLong delay;
        int attempt;
        synchronized (lock) {
            if (c != connection) {
                return;
            }
            c.dispose();
            connection = null;
            affected = List.copyOf(subscriptions.values());
            if (affected.isEmpty() || closed) {
                return;
            }
            delay = retry ? reconnects.next() : OptionalLong.empty();
            if (delay.isEmpty()) {
                subscriptions.clear();
            }
            attempt = reconnects.attempts();
        }
        if (delay.isEmpty()) {
            LOG.debug("real-time connection {} failed for good: {}", c.generation(), cause.getMessage());
            for (RealtimeSubscription<?> sub : affected) {
                sub.fail(cause);
            }
            return;
        }
        long delayMs = delay.getAsLong();
        LOG.debug(
                "real-time connection {} lost ({}); reconnecting in {} ms (attempt {})",
                c.generation(),
                cause.getMessage(),
                delayMs,
                attempt);
        for (RealtimeSubscription<?> sub : affected) {
            sub.interrupted(cause);
        }
        // Nothing waits for the reconnect; a connection that fails reports through the events.
        ScheduledFuture<?> unused = scheduler.schedule(
                () -> {
                    synchronized (lock) {
                        if (!closed && connection == null && !subscriptions.isEmpty()) {
                            connection = openConnection(c.authorizer());
                        }
                    }
                },
                delayMs,
                TimeUnit.MILLISECONDS);
    }

    private void start(RealtimeConnection c, RealtimeSubscription<?> sub) {
        String data = wire.requestJson(sub.operation());
        Map<String, String> auth;
        try {
            auth = authorization.startHeaders(sub.authorizer(), data);
        } catch (FieldgateException e) {
            subscriptions.remove(sub.id());
            sub.fail(e);
            return;
        }
        String message = protocol.start(sub.id(), data, auth);
        sub.startTimer(scheduler.schedule(
                () -> {
                    if (!sub.isAcknowledged() && subscriptions.remove(sub.id()) != null) {
                        c.send(protocol.stop(sub.id()));
                        sub.fail(new NetworkException(
                                "AppSync did not acknowledge the subscription within " + ackTimeout.toSeconds() + " s.",
                                null,
                                true));
                        closeIfIdle();
                    }
                },
                ackTimeout.toMillis(),
                TimeUnit.MILLISECONDS));
        c.send(message);
    }

    private void stop(RealtimeSubscription<?> sub) {
        synchronized (lock) {
            if (subscriptions.remove(sub.id()) == null) {
                return;
            }
            if (connection != null && connection.isAcknowledged()) {
                connection.send(protocol.stop(sub.id()));
            }
            closeIfIdle();
        }
    }

    private void closeIfIdle() {
        synchronized (lock) {
            if (subscriptions.isEmpty() && connection != null) {
                RealtimeConnection c = connection;
                connection = null;
                c.closeNormally();
            }
        }
    }

    // ---- incoming messages -----------------------------------------------------------------------------

    private void onMessage(RealtimeConnection c, String text) {
        RealtimeProtocol.Message message = protocol.parse(text);
        if (message == null) {
            LOG.debug("ignoring a real-time message that is not JSON");
            return;
        }
        String id = message.id();
        RealtimeSubscription<?> sub = id == null ? null : subscriptions.get(id);
        switch (message.type()) {
            case "connection_ack" -> onAck(c, RealtimeProtocol.keepAliveTimeoutMs(message.payload()));
            case "ka" -> {}
            case "start_ack" -> {
                if (sub != null) {
                    sub.started();
                }
            }
            case "data" -> {
                if (sub != null) {
                    sub.event(message.payload());
                }
            }
            case "complete" -> {
                if (sub != null && subscriptions.remove(id) != null) {
                    sub.completed();
                    closeIfIdle();
                }
            }
            case "error" -> {
                List<GraphQLError> errors = GraphQLWire.errors(message.payload());
                if (sub != null) {
                    subscriptions.remove(id);
                    sub.fail(RealtimeProtocol.subscriptionError(
                            errors, sub.authorizer().mode()));
                    closeIfIdle();
                } else if (id == null) {
                    connectionFailed(
                            c,
                            RealtimeProtocol.connectionError(
                                    errors, c.authorizer().mode()),
                            false);
                }
            }
            case "connection_error" ->
                connectionFailed(
                        c,
                        RealtimeProtocol.connectionError(
                                GraphQLWire.errors(message.payload()),
                                c.authorizer().mode()),
                        false);
            default -> LOG.debug("ignoring real-time message of type '{}'", message.type());
        }
    }

    @Override
    public void close() {
        List<RealtimeSubscription<?>> open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(subscriptions.values());
            subscriptions.clear();
            if (connection != null) {
                connection.closeNormally();
                connection = null;
            }
        }
        for (RealtimeSubscription<?> sub : open) {
            sub.completed();
        }
        scheduler.shutdownNow();
        delivery.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Routes what connections report; stale connections are ignored by the handlers. */
    private final class ConnectionEvents implements RealtimeConnection.Events {

        @Override
        public void onText(RealtimeConnection c, String text) {
            onMessage(c, text);
        }

        @Override
        public void onFailure(RealtimeConnection c, FieldgateException cause, boolean retry) {
            connectionFailed(c, cause, retry);
        }
    }
}
