package dev.fieldgate.local.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one-port dispatcher other local services register into. */
class RouterTest {

    private LocalHttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = new LocalHttpServer("127.0.0.1", 0);
        Router router = server.router();
        router.addJsonTarget("DynamoDB_20120810", reply("dynamodb"));
        router.addSigV4FormService("sts", reply("sts"));
        router.addSigV4FormService("iam", reply("iam"));
        router.addPath("/graphql", reply("graphql"));
        router.addPath("/upload", refuseLargeBodies());
        router.addPathPrefix("/graphql/realtime", reply("realtime"));
        router.addPathPattern(Pattern.compile("/apis/[a-z0-9]+"), reply("control-plane"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static org.eclipse.jetty.server.Handler reply(String name) {
        return ((ExchangeHandler) exchange -> exchange.respond(200, "text/plain", name)).asJettyHandler();
    }

    @Test
    void requestsReachTheServiceTheyAreFor() throws Exception {
        assertThat(post("/", "application/x-amz-json-1.0", "DynamoDB_20120810.ListTables", null, "{}"))
                .isEqualTo("dynamodb");
        assertThat(post(
                        "/",
                        "application/x-www-form-urlencoded; charset=utf-8",
                        null,
                        signedFor("sts"),
                        "Action=GetCallerIdentity&Version=2011-06-15"))
                .isEqualTo("sts");
        assertThat(post("/", "application/x-www-form-urlencoded", null, signedFor("iam"), "Action=GetRole&RoleName=x"))
                .isEqualTo("iam");
        assertThat(post("/graphql", "application/json", null, null, "{}")).isEqualTo("graphql");
        assertThat(get("/graphql/realtime")).isEqualTo("realtime");
        assertThat(get("/graphql/realtime/x")).isEqualTo("realtime");
        assertThat(get("/apis/abc123")).isEqualTo("control-plane");
        assertThat(http.send(HttpRequest.newBuilder(uri("/graphqlx")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAnswerGivenBeforeTheBodyIsReadStillReachesTheClient() throws Exception {
        // An early 401 or 404 must arrive as an answer, not as a reset connection: the body is read before answering.
        String body = "{\"padding\":\"" + "x".repeat(256 * 1024) + "\"}";
        for (int i = 0; i < 100; i++) {
            assertThat(post("/graphql", "application/json", null, null, body))
                    .as("request " + i)
                    .isEqualTo("graphql");
        }
    }

    @Test
    void aRefusedOversizedBodyStillGetsItsAnswer() throws Exception {
        // A 413 or 404 must arrive as an answer, not as a reset connection, whether the length is declared or
        // chunked, from a handler and from the router itself (GraphQlHttpHandlerTest covers the GraphQL endpoint).
        byte[] body = new byte[HttpExchange.MAX_BODY_BYTES + 100_000];
        Map<String, Integer> expected = Map.of("/upload", 413, "/nowhere", 404);
        for (int i = 0; i < 25; i++) {
            for (Map.Entry<String, Integer> target : expected.entrySet()) {
                HttpRequest.BodyPublisher declared = HttpRequest.BodyPublishers.ofByteArray(body);
                HttpRequest.BodyPublisher chunked =
                        HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body));
                for (HttpRequest.BodyPublisher publisher : List.of(declared, chunked)) {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(uri(target.getKey()))
                                    .POST(publisher)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode())
                            .as(target.getKey() + ", request " + i)
                            .isEqualTo(target.getValue());
                }
            }
        }
        assertThat(post("/upload", "text/plain", null, null, "small")).isEqualTo("5 bytes");
    }

    private static org.eclipse.jetty.server.Handler refuseLargeBodies() {
        return ((ExchangeHandler) exchange -> {
                    try {
                        exchange.respond(200, "text/plain", exchange.body().length + " bytes");
                    } catch (HttpExchange.BodyTooLargeException e) {
                        exchange.respond(413, "text/plain", "too large");
                    }
                })
                .asJettyHandler();
    }

    @Test
    void aPrefixCanBeRoutedOnlyOnce() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> server.router().addJsonTarget("DynamoDB_20120810", reply("again")))
                .isInstanceOf(IllegalStateException.class);
    }

    private static String signedFor(String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260601/us-east-1/" + service + "/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);
    }

    private String post(String path, String contentType, String target, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private URI uri(String path) {
        return URI.create(server.baseUri() + path);
    }
}
