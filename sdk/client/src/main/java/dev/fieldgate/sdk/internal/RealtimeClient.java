package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.AuthMode;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.NetworkException;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.OperationType;
import dev.fieldgate.sdk.RetryPolicy;
import dev.fieldgate.sdk.ServiceException;
import dev.fieldgate.sdk.Subscription;
import dev.fieldgate.sdk.SubscriptionListener;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AppSync's real-time protocol over the JDK's WebSocket client: subprotocol {@code graphql-ws}, the connection's
 * authorization as base64 JSON in the {@code header} query parameter, {@code connection_init} /
 * {@code connection_ack}, keep-alive ({@code ka}) watched against the server's {@code connectionTimeoutMs},
 * {@code start} messages that each carry their own authorization (IAM signs the subscription's request), and
 * reconnection with backoff that restarts every running subscription.
 */
public final class RealtimeClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeClient.class);

    /** The headers AppSync expects to be signed for IAM, besides host and the SigV4 ones. */
    private static final Map<String, String> IAM_BASE_HEADERS = Map.of(
            "accept", "application/json, text/javascript",
            "content-encoding", "amz-1.0",
            "content-type", "application/json; charset=UTF-8");

    private static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofMinutes(5);

    private final URI realtimeEndpoint;
    private final URI graphqlEndpoint;
    private final HttpClient http;
    private final GraphQLWire wire;
    private final AppSyncAuthorizer defaultAuthorizer;
    private final RetryPolicy reconnectPolicy;
    private final int maxReconnectAttempts;
    private final Duration connectTimeout;
    private final Duration ackTimeout;
    private final Duration probeInterval;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService delivery;

    private final Map<String, Sub<?>> subscriptions = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private Connection connection;
    private final AtomicInteger generations = new AtomicInteger();
    private int reconnectAttempts;
    private boolean closed;

    public RealtimeClient(URI realtimeEndpoint, URI graphqlEndpoint, HttpClient http, GraphQLWire wire,
            AppSyncAuthorizer defaultAuthorizer, RetryPolicy reconnectPolicy, int maxReconnectAttempts,
            Duration connectTimeout, Duration ackTimeout, Duration probeInterval) {
        this.realtimeEndpoint = realtimeEndpoint;
        this.graphqlEndpoint = graphqlEndpoint;
        this.http = http;
        this.wire = wire;
        this.defaultAuthorizer = defaultAuthorizer;
        this.reconnectPolicy = reconnectPolicy;
        this.maxReconnectAttempts = maxReconnectAttempts;
        this.connectTimeout = connectTimeout;
        this.ackTimeout = ackTimeout;
        this.probeInterval = probeInterval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("fieldgate-realtime-timer"));
        this.delivery = Executors.newSingleThreadExecutor(daemon("fieldgate-realtime-events"));
    }

    public <T> Subscription subscribe(GraphQLOperation<T> operation, SubscriptionListener<T> listener,
            AppSyncAuthorizer authorizer) {
        if (operation.type() != OperationType.SUBSCRIPTION) {
            throw new IllegalArgumentException("Only subscriptions run over the real-time connection; call "
                    + "execute(...) for queries and mutations.");
        }
        AppSyncAuthorizer auth = authorizer != null ? authorizer : defaultAuthorizer;
        if (auth == null) {
            throw new dev.fieldgate.sdk.FieldgateConfigException("No authorization for this subscription: give the "
                    + "client a default authorizer or pass one per subscription.");
        }
        Sub<T> sub = new Sub<>(UUID.randomUUID().toString(), operation, listener, auth);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The client is closed.");
            }
            subscriptions.put(sub.id, sub);
            if (connection == null) {
                connection = openConnection(auth);
            } else if (connection.acknowledged) {
                start(connection, sub);
            }
        }
        return sub;
    }

    // ---- connection lifecycle (all under lock) --------------------------------------------------------------

    private Connection openConnection(AppSyncAuthorizer auth) {
        Connection c = new Connection(generations.incrementAndGet(), auth);
        URI uri;
        try {
            uri = connectUri(auth);
        } catch (FieldgateException e) {
            scheduler.execute(() -> connectionFailed(c, e, false));
            return c;
        }
        LOG.debug("opening real-time connection {} to {}", c.generation, realtimeEndpoint);
        http.newWebSocketBuilder()
                .subprotocols("graphql-ws")
                .connectTimeout(connectTimeout)
                .buildAsync(uri, new Listener(c))
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        connectionFailed(c, handshakeFailure(unwrap(error)), !isRefusal(unwrap(error)));
                    }
                });
        c.ackTimer = scheduler.schedule(() -> connectionFailed(c, new NetworkException("AppSync did not "
                + "acknowledge the real-time connection within " + ackTimeout.toSeconds() + " s.", null, true), true),
                ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return c;
    }

    URI connectUri(AppSyncAuthorizer auth) {
        Map<String, String> header = authorizationHeaders(auth, URI.create(graphqlEndpoint + "/connect"), "{}");
        String json;
        try {
            json = wire.mapper().writeValueAsString(header);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String query = "header=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8) + "&payload=e30%3D";
        String base = realtimeEndpoint.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    /** The authorization object AppSync expects in the URL header and in each start message. */
    Map<String, String> authorizationHeaders(AppSyncAuthorizer auth, URI signedUri, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        boolean iam = auth.mode() == AuthMode.AWS_IAM;
        Map<String, String> base = iam ? IAM_BASE_HEADERS : Map.of("content-type", "application/json");
        Map<String, String> added = auth.authorize(new AppSyncHttpRequest(signedUri, base,
                body.getBytes(StandardCharsets.UTF_8)));
        if (iam) {
            headers.putAll(base);
        }
        headers.put("host", hostOf(graphqlEndpoint));
        added.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    private void onAck(Connection c, JsonNode payload) {
        synchronized (lock) {
            if (c != connection || c.acknowledged) {
                return;
            }
            c.acknowledged = true;
            reconnectAttempts = 0;
            if (c.ackTimer != null) {
                c.ackTimer.cancel(false);
            }
            long timeoutMs = payload.path("connectionTimeoutMs").asLong(DEFAULT_KEEP_ALIVE_TIMEOUT.toMillis());
            c.keepAliveTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1000, timeoutMs));
            long period = Math.max(100, Math.min(timeoutMs / 4, 5000));
            c.watchdog = scheduler.scheduleAtFixedRate(() -> checkKeepAlive(c), period, period, TimeUnit.MILLISECONDS);
            if (!probeInterval.isZero()) {
                long probeMs = Math.max(1, probeInterval.toMillis());
                c.prober = scheduler.scheduleAtFixedRate(() -> probe(c), probeMs, probeMs, TimeUnit.MILLISECONDS);
            }
            LOG.debug("real-time connection {} acknowledged; keep-alive timeout {} ms", c.generation, timeoutMs);
            for (Sub<?> sub : subscriptions.values()) {
                start(c, sub);
            }
        }
    }

    private void checkKeepAlive(Connection c) {
        if (System.nanoTime() - c.lastMessageNanos > c.keepAliveTimeoutNanos) {
            connectionFailed(c, new NetworkException("No keep-alive from AppSync within "
                    + TimeUnit.NANOSECONDS.toMillis(c.keepAliveTimeoutNanos) + " ms; the connection is considered lost.",
                    null, true), true);
        }
    }

    /**
     * Pings a connection that has been quiet for the probe interval. The JDK's WebSocket can miss a connection the
     * server closed while a listener call was running (neither onClose nor onError follows, reproduced with JDK 17
     * and 25), and a network that drops a connection silently is only noticed by AppSync's keep-alive timeout. A
     * ping to a closed connection fails to be written by the second probe at the latest.
     */
    private void probe(Connection c) {
        if (System.nanoTime() - c.lastFrameNanos < probeInterval.toNanos()) {
            return;
        }
        CompletableFuture<?> ping = c.ping();
        if (ping != null) {
            ping.whenComplete((ws, error) -> {
                if (error != null) {
                    connectionFailed(c, new NetworkException("The real-time connection is gone: a ping could not be "
                            + "sent (" + rootMessage(error) + ").", unwrap(error), false), true);
                }
            });
        }
    }

    /** Tears a connection down; reconnects when subscriptions remain and the failure is worth retrying. */
    private void connectionFailed(Connection c, FieldgateException cause, boolean retry) {
        List<Sub<?>> affected;
        boolean reconnect;
        long delayMs = 0;
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
            reconnect = retry && reconnectAttempts < maxReconnectAttempts;
            if (reconnect) {
                reconnectAttempts++;
                delayMs = reconnectPolicy.delayBefore(reconnectAttempts + 1, null).toMillis();
            } else {
                subscriptions.clear();
            }
        }
        if (!reconnect) {
            LOG.debug("real-time connection {} failed for good: {}", c.generation, cause.getMessage());
            for (Sub<?> sub : affected) {
                sub.fail(cause);
            }
            return;
        }
        LOG.debug("real-time connection {} lost ({}); reconnecting in {} ms (attempt {})", c.generation,
                cause.getMessage(), delayMs, reconnectAttempts);
        for (Sub<?> sub : affected) {
            sub.interrupted(cause);
        }
        scheduler.schedule(() -> {
            synchronized (lock) {
                if (!closed && connection == null && !subscriptions.isEmpty()) {
                    connection = openConnection(c.authorizer);
                }
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void start(Connection c, Sub<?> sub) {
        ObjectNode message = wire.mapper().createObjectNode();
        message.put("id", sub.id);
        message.put("type", "start");
        ObjectNode payload = message.putObject("payload");
        String data = wire.requestJson(sub.operation);
        payload.put("data", data);
        Map<String, String> auth;
        try {
            auth = authorizationHeaders(sub.authorizer, graphqlEndpoint, data);
        } catch (FieldgateException e) {
            subscriptions.remove(sub.id);
            sub.fail(e);
            return;
        }
        ObjectNode authorization = payload.putObject("extensions").putObject("authorization");
        auth.forEach(authorization::put);
        sub.startTimer = scheduler.schedule(() -> {
            if (!sub.acknowledged && subscriptions.remove(sub.id) != null) {
                c.send(stopMessage(sub.id));
                sub.fail(new NetworkException("AppSync did not acknowledge the subscription within "
                        + ackTimeout.toSeconds() + " s.", null, true));
                closeIfIdle();
            }
        }, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        c.send(message.toString());
    }

    private String stopMessage(String id) {
        ObjectNode stop = wire.mapper().createObjectNode();
        stop.put("type", "stop");
        stop.put("id", id);
        return stop.toString();
    }

    private void stop(Sub<?> sub) {
        synchronized (lock) {
            if (subscriptions.remove(sub.id) == null) {
                return;
            }
            if (connection != null && connection.acknowledged) {
                connection.send(stopMessage(sub.id));
            }
            closeIfIdle();
        }
    }

    private void closeIfIdle() {
        synchronized (lock) {
            if (subscriptions.isEmpty() && connection != null) {
                Connection c = connection;
                connection = null;
                c.closeNormally();
            }
        }
    }

    // ---- incoming messages -----------------------------------------------------------------------------

    private void onMessage(Connection c, String text) {
        c.lastMessageNanos = System.nanoTime();
        c.lastFrameNanos = c.lastMessageNanos;
        JsonNode message;
        try {
            message = wire.mapper().readTree(text);
        } catch (IOException e) {
            LOG.debug("ignoring a real-time message that is not JSON");
            return;
        }
        String type = message.path("type").asText("");
        String id = message.path("id").asText(null);
        Sub<?> sub = id == null ? null : subscriptions.get(id);
        switch (type) {
            case "connection_ack" -> onAck(c, message.path("payload"));
            case "ka" -> { }
            case "start_ack" -> {
                if (sub != null) {
                    sub.started();
                }
            }
            case "data" -> {
                if (sub != null) {
                    sub.event(message.path("payload"));
                }
            }
            case "complete" -> {
                if (sub != null && subscriptions.remove(id) != null) {
                    sub.completed();
                    closeIfIdle();
                }
            }
            case "error" -> {
                List<GraphQLError> errors = GraphQLWire.errors(message.path("payload"));
                if (sub != null) {
                    subscriptions.remove(id);
                    sub.fail(errors.isEmpty() ? new ServiceException("AppSync refused the subscription without "
                            + "saying why.", null, 0, null, null, List.of())
                            : ErrorMapper.fromErrors(errors, null, null, sub.authorizer.mode().name()));
                    closeIfIdle();
                } else if (id == null) {
                    connectionFailed(c, connectionError(errors, c), false);
                }
            }
            case "connection_error" -> connectionFailed(c,
                    connectionError(GraphQLWire.errors(message.path("payload")), c), false);
            default -> LOG.debug("ignoring real-time message of type '{}'", type);
        }
    }

    private static FieldgateException connectionError(List<GraphQLError> errors, Connection c) {
        GraphQLError first = errors.isEmpty() ? null : errors.get(0);
        String message = first == null ? "no reason given" : first.message();
        String type = first == null ? null : first.errorType();
        if (type != null && (type.contains("Unauthorized") || type.contains("Signature")
                || type.contains("UnrecognizedClient"))) {
            return new NotAuthenticatedException(NotAuthenticatedException.Reason.OTHER, "AppSync refused the "
                    + "real-time connection's " + c.authorizer.mode() + " authorization: " + message + " (" + type
                    + "). Check the credentials and that the API accepts this mode.", null, 401, type, null);
        }
        return new ServiceException("AppSync refused the real-time connection: " + message + " (" + type + ").",
                null, 0, type, null, errors);
    }

    @Override
    public void close() {
        List<Sub<?>> open;
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
        for (Sub<?> sub : open) {
            sub.completed();
        }
        scheduler.shutdownNow();
        delivery.shutdown();
    }

    // ---- helpers --------------------------------------------------------------------------------------

    static String hostOf(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port < 0 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private FieldgateException handshakeFailure(Throwable error) {
        if (error instanceof java.net.http.WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            if (status == 401 || status == 403) {
                return new NotAuthenticatedException(NotAuthenticatedException.Reason.OTHER, "AppSync refused the "
                        + "real-time connection (HTTP " + status + "); check the credentials and that the API "
                        + "accepts this authorization mode.", error, status, null, null);
            }
            return new ServiceException("AppSync refused the real-time connection (HTTP " + status + "); is "
                    + realtimeEndpoint + " the API's real-time endpoint?", error, status, null, null, List.of());
        }
        return new NetworkException("Could not open the real-time connection to " + realtimeEndpoint + ": "
                + rootMessage(error), error, false);
    }

    private static boolean isRefusal(Throwable error) {
        return error instanceof java.net.http.WebSocketHandshakeException h
                && h.getResponse().statusCode() >= 400 && h.getResponse().statusCode() < 500;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = unwrap(t);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One WebSocket and its state. */
    private final class Connection {
        final int generation;
        final AppSyncAuthorizer authorizer;
        volatile WebSocket socket;
        volatile boolean acknowledged;
        volatile long lastMessageNanos = System.nanoTime();
        /** Any frame, pongs included; probing looks at this, the keep-alive watchdog at AppSync's messages only. */
        volatile long lastFrameNanos = System.nanoTime();
        volatile long keepAliveTimeoutNanos = DEFAULT_KEEP_ALIVE_TIMEOUT.toNanos();
        ScheduledFuture<?> ackTimer;
        ScheduledFuture<?> watchdog;
        ScheduledFuture<?> prober;
        private CompletableFuture<?> pings = CompletableFuture.completedFuture(null);
        private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
        private final java.util.List<String> pending = new java.util.ArrayList<>();
        private boolean disposed;

        Connection(int generation, AppSyncAuthorizer authorizer) {
            this.generation = generation;
            this.authorizer = authorizer;
        }

        synchronized void opened(WebSocket ws) {
            socket = ws;
            if (disposed) {
                ws.abort();
                return;
            }
            send("{\"type\":\"connection_init\"}");
            for (String message : pending) {
                send(message);
            }
            pending.clear();
        }

        /** Sends in order: the JDK WebSocket allows one outstanding send at a time. */
        synchronized void send(String text) {
            WebSocket ws = socket;
            if (disposed) {
                return;
            }
            if (ws == null) {
                pending.add(text);
                return;
            }
            sends = sends.handle((r, e) -> null).thenCompose(x -> ws.sendText(text, true));
        }

        /** Sends a ping unless one is still being written; null when nothing was sent. */
        synchronized CompletableFuture<?> ping() {
            WebSocket ws = socket;
            if (disposed || ws == null || !pings.isDone()) {
                return null;
            }
            pings = ws.sendPing(ByteBuffer.allocate(0));
            return pings;
        }

        synchronized void closeNormally() {
            WebSocket ws = socket;
            cancelTimers();
            disposed = true;
            if (ws != null) {
                sends.handle((r, e) -> null).thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"))
                        .orTimeout(5, TimeUnit.SECONDS)
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                ws.abort();
                            }
                        });
            }
        }

        synchronized void dispose() {
            disposed = true;
            cancelTimers();
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }

        private void cancelTimers() {
            if (ackTimer != null) {
                ackTimer.cancel(false);
            }
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (prober != null) {
                prober.cancel(false);
            }
        }
    }

    /** Receives one connection's frames; stale connections are ignored. */
    private final class Listener implements WebSocket.Listener {
        private final Connection c;
        private final StringBuilder partial = new StringBuilder();

        Listener(Connection c) {
            this.c = c;
        }

        @Override
        public void onOpen(WebSocket ws) {
            c.opened(ws);
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onMessage(c, text);
                } catch (RuntimeException e) {
                    LOG.warn("real-time message handling failed: {}", e.toString());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            c.lastFrameNanos = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            connectionFailed(c, new NetworkException("AppSync closed the real-time connection (" + statusCode
                    + (reason == null || reason.isBlank() ? "" : ", " + reason) + ").", null, false), true);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            connectionFailed(c, new NetworkException("The real-time connection failed: " + rootMessage(error),
                    error, false), true);
        }
    }

    /** One subscription. */
    private final class Sub<T> implements Subscription {
        final String id;
        final GraphQLOperation<T> operation;
        final SubscriptionListener<T> listener;
        final AppSyncAuthorizer authorizer;
        final CompletableFuture<Void> firstStart = new CompletableFuture<>();
        volatile boolean acknowledged;
        volatile boolean active = true;
        volatile ScheduledFuture<?> startTimer;

        Sub(String id, GraphQLOperation<T> operation, SubscriptionListener<T> listener, AppSyncAuthorizer authorizer) {
            this.id = id;
            this.operation = operation;
            this.listener = listener;
            this.authorizer = authorizer;
        }

        void started() {
            acknowledged = true;
            ScheduledFuture<?> timer = startTimer;
            if (timer != null) {
                timer.cancel(false);
            }
            deliver(() -> {
                listener.onStarted();
                firstStart.complete(null);
            });
        }

        void interrupted(FieldgateException cause) {
            acknowledged = false;
            deliver(() -> listener.onInterrupted(cause));
        }

        void event(JsonNode payload) {
            List<GraphQLError> errors = GraphQLWire.errors(payload);
            JsonNode data = payload.get("data");
            String field = operation.resultField().orElse(null);
            JsonNode result = data == null || data.isNull() ? null : field == null ? data : data.get(field);
            deliver(() -> {
                T value;
                try {
                    value = wire.decode(result, operation.resultType());
                } catch (IOException e) {
                    listener.onError(new ServiceException("A subscription event does not match "
                            + operation.resultType().getTypeName() + ": " + e.getMessage(), e, 0, null, null, errors));
                    return;
                }
                listener.onEvent(new GraphQLResponse<>(value, data, errors, null, 1));
            });
        }

        void completed() {
            if (!active) {
                return;
            }
            active = false;
            deliver(() -> {
                firstStart.completeExceptionally(new NetworkException("The subscription ended before it started.",
                        null, false));
                listener.onComplete();
            });
        }

        void fail(FieldgateException error) {
            if (!active) {
                return;
            }
            active = false;
            ScheduledFuture<?> timer = startTimer;
            if (timer != null) {
                timer.cancel(false);
            }
            deliver(() -> {
                firstStart.completeExceptionally(error);
                listener.onError(error);
            });
        }

        private void deliver(Runnable task) {
            try {
                delivery.execute(() -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.warn("a subscription listener threw {}", e.toString());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("client closed; event dropped");
            }
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void awaitStarted(Duration timeout) {
            try {
                firstStart.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new NetworkException("The subscription was not acknowledged within " + timeout.toMillis()
                        + " ms.", e, true);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof FieldgateException f) {
                    throw f;
                }
                throw new NetworkException("The subscription failed: " + e.getCause(), e.getCause(), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException("Interrupted while waiting for the subscription.", e, false);
            }
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void close() {
            if (active) {
                stop(this);
                completed();
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + id + ", " + operation + "]";
        }
    }
}
