package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.NetworkException;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.ServiceException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to AppSync's real-time endpoint and its state: the handshake and its timeout, sends in order, the
 * keep-alive watchdog and the ping probe. It knows nothing of subscriptions: what arrives and what goes wrong is
 * reported to its {@link Events}, for which the connection may be stale by then.
 *
 * <p>The connection's own monitor guards its socket, pending messages, send chains and timers. Nothing is reported
 * to {@link Events} while that monitor is held, so an owner may call in while holding its own lock, never the
 * other way round.
 */
final class RealtimeConnection {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeConnection.class);

    /**
     * How connections are opened and watched.
     *
     * @param endpoint      the real-time endpoint, for messages
     * @param probeInterval how long a connection may be quiet before it is pinged; zero: never
     */
    record Settings(
            HttpClient http, URI endpoint, Duration connectTimeout, Duration ackTimeout, Duration probeInterval) {}

    /** What a connection reports to its owner. */
    interface Events {

        /** A whole text message arrived. */
        void onText(RealtimeConnection connection, String text);

        /** The connection failed or was refused; {@code retry} tells whether opening another may help. */
        void onFailure(RealtimeConnection connection, FieldgateException cause, boolean retry);
    }

    private final int generation;
    private final AppSyncAuthorizer authorizer;
    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final Events events;

    private volatile WebSocket socket;
    private volatile boolean acknowledged;
    private volatile long lastMessageNanos = System.nanoTime();
    /** Any frame, pongs included; probing looks at this, the keep-alive watchdog at AppSync's messages only. */
    private volatile long lastFrameNanos = System.nanoTime();

    private volatile long keepAliveTimeoutNanos = RealtimeProtocol.DEFAULT_KEEP_ALIVE_TIMEOUT.toNanos();
    private ScheduledFuture<?> ackTimer;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> prober;
    private CompletableFuture<?> pings = CompletableFuture.completedFuture(null);
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    private final List<String> pending = new ArrayList<>();
    private boolean disposed;

    RealtimeConnection(
            int generation,
            AppSyncAuthorizer authorizer,
            Settings settings,
            ScheduledExecutorService scheduler,
            Events events) {
        this.generation = generation;
        this.authorizer = authorizer;
        this.settings = settings;
        this.scheduler = scheduler;
        this.events = events;
    }

    int generation() {
        return generation;
    }

    /** The authorization of the handshake, which a replacement connection reuses. */
    AppSyncAuthorizer authorizer() {
        return authorizer;
    }

    boolean isAcknowledged() {
        return acknowledged;
    }

    /** Starts the handshake; AppSync has the ack timeout to acknowledge it. */
    void open(URI uri) {
        LOG.debug("opening real-time connection {} to {}", generation, settings.endpoint());
        // Nothing waits for the handshake: whenComplete reports its failure, the listener its success.
        CompletableFuture<WebSocket> unused = settings.http()
                .newWebSocketBuilder()
                .subprotocols("graphql-ws")
                .connectTimeout(settings.connectTimeout())
                .buildAsync(uri, new Frames())
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        events.onFailure(this, handshakeFailure(unwrap(error)), !isRefusal(unwrap(error)));
                    }
                });
        Duration ackTimeout = settings.ackTimeout();
        ScheduledFuture<?> timer = scheduler.schedule(
                () -> events.onFailure(
                        this,
                        new NetworkException(
                                "AppSync did " + "not acknowledge the real-time connection within "
                                        + ackTimeout.toSeconds() + " s.",
                                null,
                                true),
                        true),
                ackTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        synchronized (this) {
            if (acknowledged || disposed) {
                timer.cancel(false);
            } else {
                ackTimer = timer;
            }
        }
    }

    /** AppSync acknowledged the handshake: from now on keep-alives are expected and quiet spells are probed. */
    synchronized void acknowledged(long keepAliveTimeoutMs) {
        acknowledged = true;
        if (ackTimer != null) {
            ackTimer.cancel(false);
        }
        keepAliveTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1000, keepAliveTimeoutMs));
        long period = Math.max(100, Math.min(keepAliveTimeoutMs / 4, 5000));
        watchdog = scheduler.scheduleAtFixedRate(this::checkKeepAlive, period, period, TimeUnit.MILLISECONDS);
        Duration probeInterval = settings.probeInterval();
        if (!probeInterval.isZero()) {
            long probeMs = Math.max(1, probeInterval.toMillis());
            prober = scheduler.scheduleAtFixedRate(this::probe, probeMs, probeMs, TimeUnit.MILLISECONDS);
        }
        LOG.debug("real-time connection {} acknowledged; keep-alive timeout {} ms", generation, keepAliveTimeoutMs);
    }

    private void checkKeepAlive() {
        if (System.nanoTime() - lastMessageNanos > keepAliveTimeoutNanos) {
            events.onFailure(
                    this,
                    new NetworkException(
                            "No keep-alive from AppSync within " + TimeUnit.NANOSECONDS.toMillis(keepAliveTimeoutNanos)
                                    + " ms; the connection is considered lost.",
                            null,
                            true),
                    true);
        }
    }

    /**
     * Pings a connection that has been quiet for the probe interval. The JDK's WebSocket can miss a connection the
     * server closed while a listener call was running (neither onClose nor onError follows, reproduced with JDK 17
     * and 25), and a network that drops a connection silently is only noticed by AppSync's keep-alive timeout. A
     * ping to a closed connection fails to be written by the second probe at the latest.
     */
    private void probe() {
        if (System.nanoTime() - lastFrameNanos < settings.probeInterval().toNanos()) {
            return;
        }
        CompletableFuture<?> ping = ping();
        if (ping != null) {
            // Nothing waits for the ping; a failure is reported here.
            CompletableFuture<?> unused = ping.whenComplete((ws, error) -> {
                if (error != null) {
                    events.onFailure(
                            this,
                            new NetworkException(
                                    "The real-time connection is gone: a ping could not " + "be sent ("
                                            + rootMessage(error) + ").",
                                    unwrap(error),
                                    false),
                            true);
                }
            });
        }
    }

    private synchronized void opened(WebSocket ws) {
        socket = ws;
        if (disposed) {
            ws.abort();
            return;
        }
        send(RealtimeProtocol.CONNECTION_INIT);
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
    private synchronized CompletableFuture<?> ping() {
        WebSocket ws = socket;
        if (disposed || ws == null || !pings.isDone()) {
            return null;
        }
        pings = ws.sendPing(ByteBuffer.allocate(0));
        return pings;
    }

    /** Closes with a close handshake once the queued sends are written; aborts if that takes over 5 s. */
    synchronized void closeNormally() {
        WebSocket ws = socket;
        cancelTimers();
        disposed = true;
        if (ws != null) {
            // Nothing waits for the close handshake; it aborts the socket if it fails or takes too long.
            CompletableFuture<WebSocket> unused = sends.handle((r, e) -> null)
                    .thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"))
                    .orTimeout(5, TimeUnit.SECONDS)
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            ws.abort();
                        }
                    });
        }
    }

    /** Aborts the connection: a failed one is not worth a close handshake. */
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

    private FieldgateException handshakeFailure(Throwable error) {
        if (error instanceof java.net.http.WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            if (status == 401 || status == 403) {
                return new NotAuthenticatedException(
                        NotAuthenticatedException.Reason.OTHER,
                        "AppSync refused the "
                                + "real-time connection (HTTP " + status + "); check the credentials and that the API "
                                + "accepts this authorization mode.",
                        error,
                        status,
                        null,
                        null);
            }
            return new ServiceException(
                    "AppSync refused the real-time connection (HTTP " + status + "); is " + settings.endpoint()
                            + " the API's real-time endpoint?",
                    error,
                    status,
                    null,
                    null,
                    List.of());
        }
        return new NetworkException(
                "Could not open the real-time connection to " + settings.endpoint() + ": " + rootMessage(error),
                error,
                false);
    }

    private static boolean isRefusal(Throwable error) {
        return error instanceof java.net.http.WebSocketHandshakeException h
                && h.getResponse().statusCode() >= 400
                && h.getResponse().statusCode() < 500;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = unwrap(t);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Receives this connection's frames. */
    private final class Frames implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            opened(ws);
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                lastMessageNanos = System.nanoTime();
                lastFrameNanos = lastMessageNanos;
                try {
                    events.onText(RealtimeConnection.this, text);
                } catch (RuntimeException e) {
                    LOG.warn("real-time message handling failed: {}", e.toString());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            lastFrameNanos = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.onFailure(
                    RealtimeConnection.this,
                    new NetworkException(
                            "AppSync closed the real-time connection (" + statusCode
                                    + (reason == null || reason.isBlank() ? "" : ", " + reason) + ").",
                            null,
                            false),
                    true);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            events.onFailure(
                    RealtimeConnection.this,
                    new NetworkException("The real-time connection failed: " + rootMessage(error), error, false),
                    true);
        }
    }
}
