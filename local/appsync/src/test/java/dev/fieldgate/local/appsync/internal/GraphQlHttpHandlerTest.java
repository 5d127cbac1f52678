package dev.fieldgate.local.appsync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.http.LocalHttpServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GraphQL endpoint's own answers that come before any engine work. */
class GraphQlHttpHandlerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalHttpServer server;

    @BeforeEach
    void start() {
        server = new LocalHttpServer("127.0.0.1", 0);
        // The size check comes before authentication and execution, so neither is needed here.
        server.router()
                .addPath(
                        "/graphql",
                        new GraphQlHttpHandler(null, null, new ObjectMapper(), HttpExchange.MAX_BODY_BYTES)
                                .asJettyHandler());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOversizedBodyGetsA413AnswerNotAResetConnection() throws Exception {
        byte[] body = new byte[HttpExchange.MAX_BODY_BYTES + 100_000];
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/graphql");
        for (int i = 0; i < 25; i++) {
            HttpRequest.BodyPublisher declared = HttpRequest.BodyPublishers.ofByteArray(body);
            HttpRequest.BodyPublisher chunked =
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
            for (HttpRequest.BodyPublisher publisher : List.of(declared, chunked)) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(uri).POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("request %d", i).isEqualTo(413);
            }
        }
    }
}
