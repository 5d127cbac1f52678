package dev.fieldgate.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A GraphQL endpoint that answers with a script of AppSync-shaped responses and records what it received, to test
 * the client's handling of answers a real endpoint gives rarely or never on demand (5xx, 429 with Retry-After,
 * dropped connections, timeouts). Everything the local stack can produce is tested against the local stack.
 */
final class ScriptedAppSync implements AutoCloseable {

    /** One received request. */
    record Received(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    ScriptedAppSync() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/graphql", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/graphql");
    }

    FieldgateConfig config() {
        return FieldgateConfig.builder()
                .region("us-east-1")
                .graphqlEndpoint(endpoint())
                .defaultAuthMode(AuthMode.AMAZON_COGNITO_USER_POOLS)
                .addAdditionalAuthMode(AuthMode.AWS_IAM)
                .build();
    }

    synchronized ScriptedAppSync respond(int status, String body, String... headers) {
        script.add(exchange -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "req-" + (received.size() - 1));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        return this;
    }

    /** Closes the connection without answering. */
    synchronized ScriptedAppSync drop() {
        script.add(HttpExchange::close);
        return this;
    }

    /** Answers only after the test ends (to exercise timeouts). */
    synchronized ScriptedAppSync hang() {
        script.add(exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        return this;
    }

    List<Received> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        // Repeated headers joined, so a request that sends one twice shows it.
        exchange.getRequestHeaders()
                .forEach((name, values) ->
                        headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        headers.put("host", exchange.getRequestHeaders().getFirst("Host"));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(headers, body));
        Answer answer;
        synchronized (this) {
            answer = script.poll();
        }
        if (answer == null) {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            return;
        }
        answer.answer(exchange);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
