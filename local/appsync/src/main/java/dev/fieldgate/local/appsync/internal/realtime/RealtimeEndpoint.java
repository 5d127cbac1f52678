package dev.fieldgate.local.appsync.internal.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.appsync.internal.AppSyncRequestException;
import dev.fieldgate.local.appsync.internal.Caller;
import dev.fieldgate.local.appsync.internal.GraphQlEngine;
import dev.fieldgate.local.appsync.internal.RequestAuthenticator;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * AppSync's real-time endpoint ({@code /graphql/realtime}) on Jetty 12's core WebSocket API: the upgrade needs the
 * {@code graphql-ws} subprotocol and the connection's auth headers, as a {@code header-} subprotocol entry or in the
 * {@code header} and {@code payload} query parameters ({@link HandshakeHeaders}); they are verified as AppSync verifies
 * them — a user-pool JWT or API key as given, IAM as the SigV4 signature of a {@code POST /graphql/connect} with body
 * {@code {}} that was never sent. The protocol itself is in {@link RealtimeConnection}.
 */
public final class RealtimeEndpoint implements AutoCloseable {

    /** The path AppSync serves real-time on for custom domains, and the stack serves it on. */
    public static final String PATH = "/graphql/realtime";
    /** AppSync's WebSocket subprotocol. */
    public static final String SUBPROTOCOL = "graphql-ws";

    private final GraphQlEngine engine;
    private final RequestAuthenticator authenticator;
    private final SubscriptionHub hub;
    private final ObjectMapper json;
    private final RealtimeSettings settings;
    private final ScheduledExecutorService timers;

    public RealtimeEndpoint(
            GraphQlEngine engine,
            RequestAuthenticator authenticator,
            SubscriptionHub hub,
            ObjectMapper json,
            RealtimeSettings settings) {
        this.engine = engine;
        this.authenticator = authenticator;
        this.hub = hub;
        this.json = json;
        this.settings = settings;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fieldgate-realtime-keepalive");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The Jetty handler: upgrades {@value #PATH}, answers anything else there with 400. */
    public Handler handler() {
        WebSocketUpgradeHandler upgrade = new WebSocketUpgradeHandler(new WebSocketComponents());
        upgrade.addMapping(PATH, new Negotiator());
        upgrade.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                refuse(response, callback);
                return true;
            }
        });
        return upgrade;
    }

    /** 400 for anything that is not an AppSync real-time upgrade. UNCONFIRMED: AppSync's exact answer. */
    private static void refuse(org.eclipse.jetty.server.Response response, Callback callback) {
        byte[] body = ("{\"errors\":[{\"errorType\":\"MalformedHttpRequestException\",\"message\":"
                        + "\"The real-time endpoint takes WebSocket connections with the graphql-ws subprotocol.\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(400);
        response.getHeaders().put("Content-Type", "application/json;charset=UTF-8");
        response.write(true, java.nio.ByteBuffer.wrap(body), callback);
    }

    private final class Negotiator implements WebSocketNegotiator {
        @Override
        public void customize(Configuration configuration) {
            // A frame larger than a whole message is refused (1009) from its header, before its payload is read.
            configuration.setMaxFrameSize(RealtimeConnection.MAX_MESSAGE_BYTES);
            configuration.setAutoFragment(false);
            // Silent both ways for as long as connection_ack allows: the client would have given up by then too. The
            // server's own ka keeps a live connection from ever getting there.
            configuration.setIdleTimeout(settings.connectionTimeout());
        }

        @Override
        public org.eclipse.jetty.websocket.core.FrameHandler negotiate(
                ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
            if (!request.hasSubProtocol(SUBPROTOCOL)) {
                // Not an AppSync client: decline the upgrade. Returning null tells Jetty the request was answered
                // here, so the answer must be written (and the callback completed) before returning.
                refuse(response, callback);
                return null;
            }
            // graphql-ws is selected, never the header- entry that carries the credentials.
            response.setAcceptedSubProtocol(SUBPROTOCOL);
            String sourceIp = Request.getRemoteAddr(request);
            Handshake handshake = handshake(request, sourceIp);
            return new RealtimeConnection(engine, authenticator, hub, json, settings, timers, handshake, sourceIp);
        }
    }

    /** The connection's verified caller, or why it was refused. */
    record Handshake(Caller caller, AppSyncRequestException failure) {}

    private Handshake handshake(ServerUpgradeRequest request, String sourceIp) {
        try {
            HandshakeHeaders given = HandshakeHeaders.read(
                    request.getSubProtocols(), request.getHttpURI().getQuery(), json);
            // The IAM connect signature covers a POST to /graphql/connect with the payload as body.
            return new Handshake(
                    authenticator.authenticate(
                            new SignedHttpRequest(
                                    "POST",
                                    "/graphql/connect",
                                    null,
                                    headerFields(given.headers()),
                                    given.body().getBytes(StandardCharsets.UTF_8)),
                            sourceIp),
                    null);
        } catch (AppSyncRequestException e) {
            return new Handshake(null, e);
        }
    }

    /** A JSON object of header values as header fields. */
    static List<Map.Entry<String, String>> headerFields(JsonNode headers) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : headers.properties()) {
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                fields.add(Map.entry(entry.getKey(), entry.getValue().asText()));
            }
        }
        return fields;
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
