package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AppSync's limits on a real-time connection: the size of a client's message (240 KB, one frame or all fragments
 * together) and the number of subscriptions on one connection (100). Past the first the connection is closed before
 * the server has read much more than the limit; past the second the start is refused and the connection stays.
 */
class RealtimeLimitsTest {

    private static final int LIMIT = 240 * 1024;
    private static final String ON_CREATE = "subscription { onCreateNote { id } }";

    private static LocalStack stack;
    private static URI realtime;
    private static Map<String, String> apiKey;

    @BeforeAll
    static void start() {
        stack = NotesStack.builder().start();
        realtime = stack.realtimeEndpoint();
        apiKey = RealtimeClient.headers(realtime, "x-api-key", stack.apiKey().orElseThrow());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static RealtimeClient connected() {
        RealtimeClient client = RealtimeClient.connect(realtime, apiKey);
        client.init();
        assertThat(client.next().get("type").asText()).isEqualTo("connection_ack");
        return client;
    }

    /** The close code the server sent, or -1 when the socket broke before a close frame was read. */
    private static int closeCode(RealtimeClient client) throws InterruptedException, TimeoutException {
        try {
            return client.closed.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return -1;
        }
    }

    @Test
    void aMessageUpToTheLimitIsRead() {
        try (RealtimeClient client = connected()) {
            String pad = "x".repeat(LIMIT - 100);
            client.send(Map.of("type", "stop", "id", "s", "pad", pad));
            assertThat(client.next().toString()).isEqualTo("{\"type\":\"complete\",\"id\":\"s\"}");
        }
    }

    @Test
    void aSingleFrameOverTheLimitClosesTheConnection() throws Exception {
        RealtimeClient client = connected();
        String big = "{\"type\":\"stop\",\"id\":\"s\",\"pad\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}";
        try {
            client.socket().sendText(big, true).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // The server may close before the client has written all of it.
        }
        assertThat(closeCode(client)).isEqualTo(1009);
        // The stack serves the next connection as before.
        try (RealtimeClient next = connected()) {
            next.start("after", ON_CREATE, Map.of(), apiKey);
            assertThat(next.next().get("type").asText()).isEqualTo("start_ack");
        }
    }

    @Test
    void fragmentsAddingUpToMoreThanTheLimitCloseTheConnectionEarly() throws Exception {
        RealtimeClient client = connected();
        WebSocket socket = client.socket();
        String fragment = "x".repeat(64 * 1024);
        long sent = 0;
        // An endless message: the server must refuse it without waiting for (or keeping) the rest.
        while (!client.closed.isDone() && sent < 256L * 1024 * 1024) {
            try {
                socket.sendText(sent == 0 ? "{\"type\":\"stop\",\"pad\":\"" + fragment : fragment, false)
                        .get(15, TimeUnit.SECONDS);
            } catch (ExecutionException | CompletionException e) {
                break;
            }
            sent += fragment.length();
        }
        assertThat(closeCode(client)).isEqualTo(1009);
        // What the client could write before the close reached it: the limit and what the sockets buffer.
        assertThat(sent).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void aConnectionHoldsAtMostAHundredSubscriptions() {
        try (RealtimeClient client = connected()) {
            for (int i = 0; i < 100; i++) {
                client.start("s" + i, ON_CREATE, Map.of(), apiKey);
                assertThat(client.next().get("type").asText()).isEqualTo("start_ack");
            }
            client.start("one-too-many", ON_CREATE, Map.of(), apiKey);
            JsonNode refused = client.next();
            assertThat(refused.toString())
                    .isEqualTo(
                            "{\"type\":\"error\",\"id\":\"one-too-many\",\"payload\":{\"errors\":{\"errorType\":"
                                    + "\"MaxSubscriptionsReachedError\",\"message\":\"Max number of 100 subscriptions reached\"}}}");

            // The connection stays open; a stopped subscription makes room for another.
            client.send(Map.of("type", "stop", "id", "s0"));
            assertThat(client.next().get("type").asText()).isEqualTo("complete");
            client.start("one-more", ON_CREATE, Map.of(), apiKey);
            assertThat(client.next().get("type").asText()).isEqualTo("start_ack");
        }
    }
}
