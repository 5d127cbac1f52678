package dev.fieldgate.local.appsync.internal.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.appsync.internal.AppSyncRequestException;
import dev.fieldgate.local.appsync.internal.Caller;
import dev.fieldgate.local.appsync.internal.GraphQlEngine;
import dev.fieldgate.local.appsync.internal.RequestAuthenticator;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real-time connection speaking AppSync's protocol:
 * <pre>
 * client: {"type":"connection_init"}
 * server: {"type":"connection_ack","payload":{"connectionTimeoutMs":300000}}, then {"type":"ka"} every minute
 * client: {"id":"…","type":"start","payload":{"data":"{\"query\":…,\"variables\":{…}}",
 *          "extensions":{"authorization":{…this subscription's auth headers…}}}}
 * server: {"type":"start_ack","id":"…"} or {"type":"error","id":"…","payload":{"errors":[…]}}
 * server: {"type":"data","id":"…","payload":{"data":{…},"errors":[…]}} for each matching mutation
 * client: {"type":"stop","id":"…"}  →  server: {"type":"complete","id":"…"}
 * </pre>
 * A connection whose handshake credentials were refused gets {@code connection_error} and is closed. Each
 * {@code start} carries its own credentials (for IAM: the SigV4 headers of a {@code POST /graphql} whose body is the
 * {@code data} string), so subscriptions on one connection may use different auth modes.
 *
 * <p>Nothing outlives its credentials: once the handshake's expire (token {@code exp}, IAM session credentials'
 * expiration) the connection is closed, once a subscription's expire that subscription gets an {@code error} and
 * ends. A client's message is at most {@value #MAX_MESSAGE_BYTES} bytes, one connection holds at most
 * {@value #MAX_SUBSCRIPTIONS} subscriptions.
 */
final class RealtimeConnection implements FrameHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeConnection.class);
    private static final String KEEP_ALIVE = "{\"type\":\"ka\"}";
    /**
     * AppSync's payload size over WebSockets, 240 KB (AWS General Reference, AppSync quotas), taken as the limit of a
     * client's message, one frame or all fragments together. UNCONFIRMED: what AppSync does past it; the connection
     * is closed with 1009 (message too big), as RFC 6455 has it and API Gateway's WebSockets do.
     */
    static final int MAX_MESSAGE_BYTES = 240 * 1024;
    /** AppSync's quota of subscriptions per connection (AWS General Reference, AppSync quotas; adjustable there). */
    static final int MAX_SUBSCRIPTIONS = 100;

    private final GraphQlEngine engine;
    private final RequestAuthenticator authenticator;
    private final SubscriptionHub hub;
    private final ObjectMapper json;
    private final RealtimeSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Caller connectionCaller;
    private final AppSyncRequestException handshakeFailure;
    private final String sourceIp;
    private final String connectionId = UUID.randomUUID().toString();
    private final MessageAssembler messages = new MessageAssembler(MAX_MESSAGE_BYTES);
    private CoreSession session;
    private boolean initialized;
    private ScheduledFuture<?> keepAliveTask;

    RealtimeConnection(
            GraphQlEngine engine,
            RequestAuthenticator authenticator,
            SubscriptionHub hub,
            ObjectMapper json,
            RealtimeSettings settings,
            ScheduledExecutorService timers,
            RealtimeEndpoint.Handshake handshake,
            String sourceIp) {
        this.engine = engine;
        this.authenticator = authenticator;
        this.hub = hub;
        this.json = json;
        this.settings = settings;
        this.clock = settings.clock();
        this.timers = timers;
        this.connectionCaller = handshake.caller();
        this.handshakeFailure = handshake.failure();
        this.sourceIp = sourceIp;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.session = coreSession;
        callback.succeeded();
        if (handshakeFailure != null) {
            send(message("connection_error", null, Map.of("errors", List.of(error(handshakeFailure)))));
            session.close(CloseStatus.NORMAL, "connection_error", Callback.NOOP);
            return;
        }
        session.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte opCode = frame.getOpCode();
        // Once a message was too large the connection is closing: what still comes is read (to reach the client's
        // close) but neither kept nor handled.
        if (OpCode.isDataFrame(opCode) && !messages.tooLarge()) {
            String text = messages.accept(frame);
            if (messages.tooLarge()) {
                session.close(
                        CloseStatus.MESSAGE_TOO_LARGE,
                        "Message larger than " + MAX_MESSAGE_BYTES + " bytes",
                        Callback.NOOP);
            } else if (text != null) {
                try {
                    handle(text);
                } catch (RuntimeException e) {
                    LOG.error("A real-time message failed", e);
                }
            }
        }
        if (opCode == OpCode.PING) {
            pong(frame);
        }
        callback.succeeded();
        if (opCode != OpCode.CLOSE && session.isInputOpen()) {
            session.demand();
        }
    }

    private void handle(String text) {
        if (endExpired()) {
            return;
        }
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            send(message("error", null, errors("UnsupportedOperation", 400, "The message is not valid JSON.")));
            return;
        }
        if (message == null || !message.isObject()) {
            send(message("error", null, errors("UnsupportedOperation", 400, "The message is not a JSON object.")));
            return;
        }
        String type = message.path("type").asText("");
        String id = message.path("id").isTextual() ? message.get("id").asText() : null;
        switch (type) {
            case "connection_init" -> connectionInit();
            case "start" -> start(id, message.path("payload"));
            case "stop" -> stop(id);
            // Clients may ping at the protocol level; AppSync has no message for it.
            default ->
                send(message(
                        "error",
                        id,
                        errors("UnsupportedOperation", 400, type + " not supported through the realtime channel")));
        }
    }

    private void connectionInit() {
        if (!initialized) {
            initialized = true;
            send(message(
                    "connection_ack",
                    null,
                    Map.of("connectionTimeoutMs", settings.connectionTimeout().toMillis())));
            send(KEEP_ALIVE);
            long interval = settings.keepAlive().toMillis();
            keepAliveTask = timers.scheduleAtFixedRate(this::keepAlive, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Each keep-alive tick also ends what outlived its credentials, so that is noticed within one interval. */
    private void keepAlive() {
        try {
            if (!endExpired()) {
                send(KEEP_ALIVE);
            }
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task and with it every later ka.
            LOG.error("A real-time keep-alive failed", e);
        }
    }

    /**
     * Ends what outlived its credentials. UNCONFIRMED: how AppSync ends them; its clients reconnect on a close and
     * re-subscribe on a subscription's {@code error}, so the connection is closed (1000, with the refusal's text as
     * reason) when the handshake's credentials expired, and a subscription gets the {@code error} a {@code start} with
     * its expired credentials would get.
     *
     * @return true when the connection was closed
     */
    private boolean endExpired() {
        if (connectionCaller != null && connectionCaller.expiresAtMillis() <= clock.millis()) {
            session.close(
                    CloseStatus.NORMAL,
                    RequestAuthenticator.expired(connectionCaller).getMessage(),
                    Callback.NOOP);
            return true;
        }
        for (SubscriptionHub.Registration expired : hub.removeExpired(connectionId)) {
            send(message(
                    "error",
                    expired.id(),
                    Map.of("errors", List.of(error(RequestAuthenticator.expired(expired.caller()))))));
        }
        return false;
    }

    private void start(String id, JsonNode payload) {
        if (id == null || id.isBlank()) {
            send(message("error", null, errors("UnsupportedOperation", 400, "A start message needs an id.")));
            return;
        }
        if (!initialized) {
            // UNCONFIRMED: AppSync's text for a start before connection_init.
            send(message(
                    "error",
                    id,
                    errors(
                            "UnsupportedOperation",
                            400,
                            "Send connection_init and wait for connection_ack before starting a subscription.")));
            return;
        }
        if (hub.contains(connectionId, id)) {
            // UNCONFIRMED: AppSync's text for a subscription id used twice on a connection.
            send(message(
                    "error",
                    id,
                    errors(
                            "DuplicateSubscriptionId",
                            400,
                            "A subscription with id " + id + " is already running on this connection.")));
            return;
        }
        if (hub.count(connectionId) >= MAX_SUBSCRIPTIONS) {
            // As AppSync answers it (a response its iOS client quotes as observed): this start is refused, the
            // connection stays, and "errors" is a lone object here, not a list.
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorType", "MaxSubscriptionsReachedError");
            error.put("message", "Max number of " + MAX_SUBSCRIPTIONS + " subscriptions reached");
            send(message("error", id, Map.of("errors", error)));
            return;
        }
        String data = payload.path("data").asText(null);
        JsonNode request = null;
        if (data != null) {
            try {
                request = json.readTree(data);
            } catch (JsonProcessingException e) {
                request = null;
            }
        }
        if (request == null || !request.isObject() || !request.path("query").isTextual()) {
            send(message(
                    "error",
                    id,
                    Map.of(
                            "errors",
                            List.of(requestError(
                                    AppSyncRequestException.malformed("Unable to parse GraphQL query."))))));
            return;
        }
        JsonNode authorization = payload.path("extensions").path("authorization");
        List<Map.Entry<String, String>> authHeaders =
                authorization.isObject() ? RealtimeEndpoint.headerFields(authorization) : List.of();
        Caller caller;
        try {
            caller = authenticator.authenticate(
                    new SignedHttpRequest("POST", "/graphql", null, authHeaders, data.getBytes(StandardCharsets.UTF_8)),
                    sourceIp);
        } catch (AppSyncRequestException e) {
            send(message("error", id, Map.of("errors", List.of(requestError(e)))));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = request.path("variables").isObject()
                ? json.convertValue(request.get("variables"), Map.class)
                : Map.of();
        String operationName = request.path("operationName").isTextual()
                ? request.get("operationName").asText()
                : null;
        Map<String, String> headers = new LinkedHashMap<>();
        authHeaders.forEach(
                h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b));
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        GraphQlEngine.SubscribeResult result =
                engine.subscribe(caller, request.get("query").asText(), operationName, variables, headers, sourceIp);
        if (result.subscription() == null) {
            send(message("error", id, Map.of("errors", result.errors())));
            return;
        }
        hub.register(new SubscriptionHub.Registration(
                connectionId,
                id,
                result.subscription(),
                caller,
                headers,
                sourceIp,
                (subscriptionId, body) -> send(message("data", subscriptionId, body))));
        send(message("start_ack", id, null));
    }

    private void stop(String id) {
        if (id == null) {
            return;
        }
        hub.unregister(connectionId, id);
        send(message("complete", id, null));
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        LOG.debug("Real-time connection {} failed: {}", connectionId, cause.toString());
        cleanUp();
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        cleanUp();
        callback.succeeded();
    }

    private void cleanUp() {
        hub.unregisterAll(connectionId);
        if (keepAliveTask != null) {
            keepAliveTask.cancel(false);
        }
    }

    private Map<String, Object> message(String type, String id, Object payload) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        if (id != null) {
            message.put("id", id);
        }
        if (payload != null) {
            message.put("payload", payload);
        }
        return message;
    }

    private static Map<String, Object> errors(String type, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", type);
        error.put("message", message);
        error.put("errorCode", code);
        return Map.of("errors", List.of(error));
    }

    /** A refused request as a real-time error: AppSync adds the HTTP status as {@code errorCode}. */
    private static Map<String, Object> error(AppSyncRequestException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", e.errorType());
        error.put("message", e.getMessage());
        error.put("errorCode", e.status());
        return error;
    }

    private static Map<String, Object> requestError(AppSyncRequestException e) {
        return error(e);
    }

    private void send(Map<String, Object> message) {
        try {
            send(json.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            LOG.error("A real-time message could not be written", e);
        }
    }

    /** Answers a ping with its payload, as RFC 6455 (5.5.2) requires; clients use it to probe a quiet connection. */
    private void pong(Frame ping) {
        if (session.isOutputOpen()) {
            // The ping's buffer is only valid until its callback completes; the pong may be written later.
            ByteBuffer payload = ping.hasPayload() ? BufferUtil.copy(ping.getPayload()) : BufferUtil.EMPTY_BUFFER;
            synchronized (this) {
                session.sendFrame(new Frame(OpCode.PONG).setPayload(payload), Callback.NOOP, false);
            }
        }
    }

    private void send(String text) {
        CoreSession current = session;
        if (current == null || !current.isOutputOpen()) {
            return;
        }
        // One writer at a time keeps frames whole and in order.
        synchronized (this) {
            current.sendFrame(new Frame(OpCode.TEXT, text), Callback.NOOP, false);
        }
    }
}
