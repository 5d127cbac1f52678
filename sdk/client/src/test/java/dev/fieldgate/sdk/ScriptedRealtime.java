package dev.fieldgate.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * An AppSync real-time endpoint that follows a script: it acknowledges connections with a chosen keep-alive
 * timeout (and may send no keep-alives at all), answers {@code start} as told, publishes events on demand and can
 * drop every connection — the failures a client must survive but a real endpoint does not produce on request.
 */
final class ScriptedRealtime implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a connection sent: the decoded {@code header} query parameter, its messages and its pings. */
    record Connection(
            JsonNode header,
            BlockingQueue<JsonNode> messages,
            BlockingQueue<Long> pings,
            AtomicReference<CoreSession> session) {}

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private volatile long connectionTimeoutMs = 300_000;
    private volatile Function<JsonNode, JsonNode> startAnswer = start -> null;
    private volatile JsonNode connectionError;

    ScriptedRealtime() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrade = new WebSocketUpgradeHandler(new WebSocketComponents());
        upgrade.addMapping("/graphql/realtime", (request, response, callback) -> {
            if (!request.hasSubProtocol("graphql-ws")) {
                return null;
            }
            response.setAcceptedSubProtocol("graphql-ws");
            String header = null;
            for (String pair : request.getHttpURI().getQuery().split("&", -1)) {
                if (pair.startsWith("header=")) {
                    header = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                }
            }
            try {
                JsonNode decoded = JSON.readTree(Base64.getDecoder().decode(header));
                Connection connection = new Connection(
                        decoded, new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>(), new AtomicReference<>());
                connections.add(connection);
                return new Handler(connection);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        server.setHandler(upgrade);
        server.start();
    }

    URI graphqlEndpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/graphql");
    }

    /** The keep-alive timeout announced in {@code connection_ack}; no {@code ka} is ever sent. */
    void connectionTimeoutMs(long value) {
        connectionTimeoutMs = value;
    }

    /** How to answer a {@code start}: null acknowledges it, otherwise the message to send back. */
    void answerStarts(Function<JsonNode, JsonNode> answer) {
        startAnswer = answer;
    }

    /** Refuse connections with a {@code connection_error} carrying these errors. */
    void refuseConnections(String errorsJson) throws Exception {
        connectionError = JSON.readTree(errorsJson);
    }

    List<Connection> connections() {
        return connections;
    }

    /** The next message a connection's client sent (e.g. {@code connection_init}, {@code start}, {@code stop}). */
    JsonNode next(Connection connection, String type) throws InterruptedException {
        while (true) {
            JsonNode message = connection.messages().poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no '" + type + "' message within 10 s");
            }
            if (message.path("type").asText().equals(type)) {
                return message;
            }
        }
    }

    /** Sends a {@code data} event to a subscription on the newest connection. */
    void publish(String id, String dataJson) throws Exception {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", "data");
        message.put("id", id);
        message.putObject("payload").set("data", JSON.readTree(dataJson));
        send(connections.get(connections.size() - 1), message.toString());
    }

    /** Drops every connection without a close handshake, as a network failure would. */
    void dropAll() {
        for (Connection c : connections) {
            CoreSession session = c.session().get();
            if (session != null) {
                session.abort();
            }
        }
    }

    boolean isStarted(String id) {
        return started.contains(id);
    }

    private static void send(Connection connection, String text) {
        connection.session().get().sendFrame(new Frame(OpCode.TEXT, text), Callback.NOOP, false);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the scripted endpoint", e);
        }
    }

    private final class Handler implements FrameHandler {
        private final Connection connection;

        Handler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onOpen(CoreSession session, Callback callback) {
            connection.session().set(session);
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.PING) {
                connection.pings().add(System.nanoTime());
            }
            if (frame.getOpCode() == OpCode.TEXT) {
                try {
                    JsonNode message = JSON.readTree(frame.getPayloadAsUTF8());
                    connection.messages().add(message);
                    react(message);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            callback.succeeded();
            if (frame.getOpCode() != OpCode.CLOSE) {
                connection.session().get().demand();
            }
        }

        private void react(JsonNode message) {
            String type = message.path("type").asText();
            String id = message.path("id").asText(null);
            if (type.equals("connection_init")) {
                if (connectionError != null) {
                    send(
                            connection,
                            "{\"type\":\"connection_error\",\"payload\":{\"errors\":" + connectionError + "}}");
                    return;
                }
                send(
                        connection,
                        "{\"type\":\"connection_ack\",\"payload\":{\"connectionTimeoutMs\":" + connectionTimeoutMs
                                + "}}");
            } else if (type.equals("start")) {
                JsonNode answer = startAnswer.apply(message);
                if (answer == null) {
                    started.add(id);
                    send(connection, "{\"type\":\"start_ack\",\"id\":\"" + id + "\"}");
                } else {
                    send(connection, answer.toString());
                }
            } else if (type.equals("stop")) {
                started.remove(id);
                send(connection, "{\"type\":\"complete\",\"id\":\"" + id + "\"}");
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }
}
