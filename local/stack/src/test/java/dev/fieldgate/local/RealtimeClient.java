package dev.fieldgate.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * An AppSync real-time client over Java's WebSocket client: the {@code graphql-ws} subprotocol, the auth headers in
 * the {@code header} query parameter (or, as Amplify JS v6 sends them, in a {@code header-<base64url>} subprotocol),
 * and AppSync's messages as JSON.
 */
final class RealtimeClient implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** The reason the server gave with its close, once {@link #closed} is done. */
    volatile String closeReason;

    private WebSocket socket;

    static RealtimeClient connect(URI realtime, Map<String, String> authHeaders) {
        RealtimeClient client = new RealtimeClient();
        client.socket = HTTP.newWebSocketBuilder()
                .subprotocols("graphql-ws")
                .buildAsync(url(realtime, authHeaders), client)
                .join();
        return client;
    }

    /** Connects as Amplify JS v6 does: the auth headers as a {@code header-} subprotocol, no query parameters. */
    static RealtimeClient connectWithSubprotocol(URI realtime, Map<String, String> authHeaders) {
        RealtimeClient client = new RealtimeClient();
        client.socket = HTTP.newWebSocketBuilder()
                .subprotocols("graphql-ws", headerSubprotocol(authHeaders))
                .buildAsync(realtime, client)
                .join();
        return client;
    }

    /** {@code header-} and the base64url (unpadded) JSON of the auth headers. */
    static String headerSubprotocol(Map<String, String> authHeaders) {
        try {
            return "header-"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(GraphQlClient.JSON.writeValueAsBytes(authHeaders));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subprotocol the server selected. */
    String subprotocol() {
        return socket.getSubprotocol();
    }

    static URI url(URI realtime, Map<String, String> authHeaders) {
        try {
            String header = Base64.getEncoder().encodeToString(GraphQlClient.JSON.writeValueAsBytes(authHeaders));
            return URI.create(realtime + "?header=" + java.net.URLEncoder.encode(header, StandardCharsets.UTF_8)
                    + "&payload=e30=");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The auth headers of a user-pool or API-key caller. */
    static Map<String, String> headers(URI realtime, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", realtime.getAuthority());
        headers.put(name, value);
        return headers;
    }

    /**
     * The SigV4 headers of a request that is never sent: {@code POST <http url of host><path>} with the body, as
     * AppSync's clients sign the connection ({@code /graphql/connect}, body {@code {}}) and each subscription
     * ({@code /graphql}, body the {@code data} string).
     */
    static Map<String, String> signed(URI realtime, String path, String body, AwsCredentialsIdentity credentials) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + realtime.getAuthority() + path))
                .putHeader("accept", "application/json, text/javascript")
                .putHeader("content-encoding", "amz-1.0")
                .putHeader("content-type", "application/json; charset=UTF-8")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appsync")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC().withZone(ZoneOffset.UTC)));
        // The signer set Host itself; the JSON carries each header once, as Amplify's clients send it.
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    void send(Map<String, Object> message) {
        try {
            socket.sendText(GraphQlClient.JSON.writeValueAsString(message), true)
                    .join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void init() {
        send(Map.of("type", "connection_init"));
    }

    /** Sends {@code start} for a subscription with its own auth headers. */
    String start(String id, String query, Map<String, ?> variables, Map<String, String> authorization) {
        String data = GraphQlClient.body(query, variables);
        send(Map.of(
                "id",
                id,
                "type",
                "start",
                "payload",
                Map.of("data", data, "extensions", Map.of("authorization", authorization))));
        return data;
    }

    /** The next message that is not a keep-alive. */
    JsonNode next() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            JsonNode message = poll(deadline);
            if (!"ka".equals(message.path("type").asText())) {
                return message;
            }
        }
    }

    JsonNode nextIncludingKeepAlive() {
        return poll(System.nanoTime() + TimeUnit.SECONDS.toNanos(15));
    }

    private JsonNode poll(long deadline) {
        try {
            JsonNode message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no message within 15 s");
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(GraphQlClient.JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
        }
    }
}
