package dev.fieldgate.local.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.LocalHttpServer;
import dev.fieldgate.local.core.internal.requests.RequestNote;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The request log: a bounded ring the router fills with one record per request, and its listeners. */
class RequestLogTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theRingKeepsOnlyTheNewestRequests() {
        RequestLog log = new RequestLog(3, Clock.systemUTC());
        IntStream.rangeClosed(1, 5)
                .forEach(i -> log.record(
                        Instant.EPOCH, "graphql", "query q" + i, "anonymous", 200, null, false, 1, List.of()));

        assertThat(log.recent())
                .extracting(RequestRecord::operation)
                .containsExactly("query q3", "query q4", "query q5");
        assertThat(log.after(4, 10)).extracting(RequestRecord::sequence).containsExactly(5L);
        assertThat(log.after(0, 2)).extracting(RequestRecord::sequence).containsExactly(4L, 5L);
    }

    @Test
    void outcomesSayAllowedPartialOrRefusedWithTheErrorType() {
        RequestLog log = new RequestLog(10, Clock.systemUTC());
        RequestRecord ok = log.record(Instant.EPOCH, "graphql", "q", "c", 200, null, false, 0, List.of());
        RequestRecord partial = log.record(Instant.EPOCH, "graphql", "q", "c", 200, "Unauthorized", true, 0, List.of());
        RequestRecord refused =
                log.record(Instant.EPOCH, "graphql", "q", "c", 401, "UnauthorizedException", false, 0, List.of());
        RequestRecord plain = log.record(Instant.EPOCH, "hosted-ui", "GET /x", "c", 404, null, false, 0, List.of());

        assertThat(ok.outcome()).isEqualTo("allowed");
        assertThat(partial.outcome()).isEqualTo("partial: Unauthorized");
        assertThat(refused.outcome()).isEqualTo("refused: UnauthorizedException");
        assertThat(plain.outcome()).isEqualTo("refused: HTTP 404");
    }

    @Test
    void theRouterRecordsEachRequestWithWhatItsHandlerNoted() throws Exception {
        RequestLog log = new RequestLog(100, Clock.systemUTC());
        List<RequestRecord> heard = new CopyOnWriteArrayList<>();
        // A record is written when its answer is complete, which may be just after the client read it.
        java.util.concurrent.CountDownLatch three = new java.util.concurrent.CountDownLatch(3);
        log.onRecord(record -> {
            heard.add(record);
            three.countDown();
        });
        try (LocalHttpServer server = new LocalHttpServer("127.0.0.1", 0)) {
            server.router()
                    .requestLog(log, key -> key.startsWith("AKIA") ? "admin key" : "key " + key, "/console")
                    .addJsonTarget(
                            "AWSCognitoIdentityProviderService",
                            ((ExchangeHandler) exchange -> {
                                        exchange.setHeader("x-amzn-ErrorType", "NotAuthorizedException:");
                                        exchange.respond(400, "application/x-amz-json-1.1", "{}");
                                    })
                                    .asJettyHandler())
                    .addPath(
                            "/graphql",
                            ((ExchangeHandler) exchange -> {
                                        RequestNote.of(exchange.jettyRequest())
                                                .operation("query listPins")
                                                .caller("user alice")
                                                .error("Unauthorized", true);
                                        RequestNote.current().functionLine("listing pins");
                                        exchange.respond(200, "application/json", "{}");
                                    })
                                    .asJettyHandler())
                    .addPathPrefix(
                            "/console",
                            ((ExchangeHandler) exchange -> exchange.respond(200, "text/plain", "console"))
                                    .asJettyHandler());
            server.start();
            URI base = server.baseUri();

            send(HttpRequest.newBuilder(base.resolve("/"))
                    .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                    .header(
                            "Authorization",
                            "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEEXAMPLE12/20260101/us-east-1/cognito-idp/"
                                    + "aws4_request, SignedHeaders=host, Signature=00")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build());
            send(HttpRequest.newBuilder(base.resolve("/graphql"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build());
            send(HttpRequest.newBuilder(base.resolve("/console/api/requests")).build());
            send(HttpRequest.newBuilder(base.resolve("/nowhere")).build());
            assertThat(three.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }

        List<RequestRecord> kept = log.recent();
        assertThat(kept).hasSize(3);
        RequestRecord cognito = kept.get(0);
        assertThat(cognito.service()).isEqualTo("cognito-idp");
        assertThat(cognito.operation()).isEqualTo("InitiateAuth");
        assertThat(cognito.caller()).isEqualTo("admin key");
        assertThat(cognito.outcome()).isEqualTo("refused: NotAuthorizedException");
        assertThat(cognito.durationNanos()).isPositive();
        RequestRecord graphql = kept.get(1);
        assertThat(graphql.service()).isEqualTo("graphql");
        assertThat(graphql.operation()).isEqualTo("query listPins");
        assertThat(graphql.caller()).isEqualTo("user alice");
        assertThat(graphql.outcome()).isEqualTo("partial: Unauthorized");
        assertThat(graphql.functionLines()).containsExactly("listing pins");
        RequestRecord unknown = kept.get(2);
        assertThat(unknown.operation()).isEqualTo("GET /nowhere");
        assertThat(unknown.caller()).isEqualTo("anonymous");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(heard).isEqualTo(kept);
    }

    @Test
    void aDisabledLogKeepsNothing() throws Exception {
        RequestLog log = new RequestLog(10, Clock.systemUTC());
        log.enabled(false);
        try (LocalHttpServer server = new LocalHttpServer("127.0.0.1", 0)) {
            server.router()
                    .requestLog(log, key -> "key")
                    .addPath(
                            "/graphql",
                            ((ExchangeHandler) exchange -> {
                                        assertThat(RequestNote.current().kept()).isFalse();
                                        exchange.respond(200, "application/json", "{}");
                                    })
                                    .asJettyHandler());
            server.start();
            assertThat(send(HttpRequest.newBuilder(server.baseUri().resolve("/graphql"))
                            .build()))
                    .isEqualTo(200);
        }
        assertThat(log.recent()).isEmpty();
    }

    private int send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
