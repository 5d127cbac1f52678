package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.core.LocalConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AppSync's keep-alive contract, with short timings: {@code connection_ack} promises {@code connectionTimeoutMs},
 * {@code ka} comes well within it, a connection the client keeps quiet stays open as long as {@code ka} flows, and
 * only a connection silent both ways for the whole timeout is dropped.
 */
class RealtimeKeepAliveTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final Duration KEEP_ALIVE = Duration.ofMillis(250);

    private static LocalStack stack;
    private static URI realtime;
    private static Map<String, String> apiKey;

    @BeforeAll
    static void start() {
        stack = NotesStack.builder()
                .connectionTimeout(TIMEOUT)
                .keepAliveInterval(KEEP_ALIVE)
                .start();
        realtime = stack.realtimeEndpoint();
        apiKey = RealtimeClient.headers(realtime, "x-api-key", stack.apiKey().orElseThrow());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void kaKeepsAConnectionTheClientKeepsQuietOpenPastTheTimeout() {
        try (RealtimeClient client = RealtimeClient.connect(realtime, apiKey)) {
            client.init();
            assertThat(client.nextIncludingKeepAlive().toString())
                    .isEqualTo("{\"type\":\"connection_ack\",\"payload\":{\"connectionTimeoutMs\":1500}}");
            long quietSince = System.nanoTime();
            long last = quietSince;
            int keepAlives = 0;
            // The client sends nothing for twice the timeout; each ka comes well within the timeout of the last.
            while (System.nanoTime() - quietSince < 2 * TIMEOUT.toNanos()) {
                JsonNode message = client.nextIncludingKeepAlive();
                long now = System.nanoTime();
                assertThat(message.toString()).isEqualTo("{\"type\":\"ka\"}");
                assertThat(Duration.ofNanos(now - last)).isLessThan(TIMEOUT);
                last = now;
                keepAlives++;
            }
            assertThat(keepAlives).isGreaterThanOrEqualTo(6);
            assertThat(client.closed).isNotDone();
            client.start("after-the-quiet", "subscription { onCreateNote { id } }", Map.of(), apiKey);
            assertThat(client.next().get("type").asText()).isEqualTo("start_ack");
        }
    }

    @Test
    void aConnectionSilentBothWaysIsDroppedAfterTheTimeoutNotBefore() throws Exception {
        long opened = System.nanoTime();
        // Without connection_init the server sends no ka: nothing moves either way.
        RealtimeClient client = RealtimeClient.connect(realtime, apiKey);
        int code;
        try {
            code = client.closed.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            code = -1;
        }
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(TIMEOUT);
        assertThat(code).isEqualTo(1001);
    }

    @Test
    void aKeepAliveIntervalNotShorterThanTheTimeoutIsRefused() {
        assertThatThrownBy(() -> NotesStack.builder()
                        .keepAliveInterval(Duration.ofMinutes(5))
                        .start())
                .isInstanceOf(LocalConfigException.class)
                .hasMessageContaining("must be shorter than the real-time connection timeout (300000 ms)");
    }
}
