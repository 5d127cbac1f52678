package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AppSync's limits on a real-time connection: the size of a client's message (240 KB, one frame or all fragments
 * together) and the number of subscriptions on one connection (100). Past the first the connection is closed (1009) as
 * soon as the server has read more than the limit; past the second the start is refused and the connection stays.
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

    private static RawWebSocket rawConnected() {
        RawWebSocket client = RawWebSocket.connect(realtime, apiKey);
        client.sendText("{\"type\":\"connection_init\"}");
        assertThat(client.next().text()).contains("connection_ack");
        return client;
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
    void aFrameAnnouncingMoreThanTheLimitIsRefusedFromItsHeader() {
        try (RawWebSocket client = rawConnected()) {
            // One byte of the 8 MB follows (the server reads the length with it): it must not wait for the rest.
            client.sendHeaderOnly(RawWebSocket.TEXT, true, 8L * 1024 * 1024, (byte) '{');
            RawWebSocket.Frame close = client.nextControl();
            assertThat(close.opCode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
        // The stack serves the next connection as before.
        try (RealtimeClient next = connected()) {
            next.start("after", ON_CREATE, Map.of(), apiKey);
            assertThat(next.next().get("type").asText()).isEqualTo("start_ack");
        }
    }

    @Test
    void fragmentsAreRefusedAsSoonAsTheyAddUpToMoreThanTheLimit() {
        byte[] fragment = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket client = rawConnected()) {
            client.send(RawWebSocket.TEXT, false, fragment);
            client.send(RawWebSocket.CONTINUATION, false, fragment);
            client.send(RawWebSocket.CONTINUATION, false, fragment);
            // 192 KB of an unfinished message: still within the limit, the connection answers a ping.
            client.send(RawWebSocket.PING, true, "still open".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = client.nextControl();
            assertThat(pong.opCode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.text()).isEqualTo("still open");

            // 256 KB, and the message is still unfinished: refused now, not once its last fragment comes.
            client.send(RawWebSocket.CONTINUATION, false, fragment);
            RawWebSocket.Frame close = client.nextControl();
            assertThat(close.opCode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aConnectionHoldsAtMostAHundredSubscriptions() {
        try (RealtimeClient client = connected()) {
            for (int i = 0; i < 100; i++) {
                client.start("s" + i, ON_CREATE, Map.of(), apiKey);
                assertThat(client.next().toString()).isEqualTo("{\"type\":\"start_ack\",\"id\":\"s" + i + "\"}");
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
