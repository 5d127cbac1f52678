package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.cognito.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * AppSync's real-time protocol on {@code /graphql/realtime}: the handshake's credentials, {@code connection_init} /
 * {@code connection_ack} / {@code ka}, {@code start} with each subscription's own credentials, {@code data} for each
 * mutation named in {@code @aws_subscribe} with the fields the subscriber may see, {@code stop} / {@code complete}.
 */
class RealtimeTest {

    private static LocalStack stack;
    private static GraphQlClient http;
    private static URI realtime;
    private static TestUsers.User ann;
    private static TestUsers.User bob;
    private static TestUsers.User admin;
    private static AwsSessionCredentialsIdentity guest;

    private static final String ON_CREATE = "subscription { onCreateNote { id text owner secret internal } }";

    @BeforeAll
    static void start() {
        stack = NotesStack.builder().keepAliveInterval(Duration.ofMillis(200)).start();
        http = new GraphQlClient(stack.graphqlEndpoint());
        realtime = stack.realtimeEndpoint();
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        bob = users.create("bob@example.com");
        admin = users.create("admin@example.com", "Admins");
        guest = users.guest();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static Map<String, String> token(TestUsers.User user) {
        return RealtimeClient.headers(realtime, "Authorization", user.idToken());
    }

    private static RealtimeClient connected(Map<String, String> headers) {
        RealtimeClient client = RealtimeClient.connect(realtime, headers);
        client.init();
        JsonNode ack = client.next();
        assertThat(ack.get("type").asText()).isEqualTo("connection_ack");
        assertThat(ack.at("/payload/connectionTimeoutMs").asLong()).isEqualTo(300_000);
        return client;
    }

    private static JsonNode createNote(TestUsers.User user, String text) {
        GraphQlClient.Response created = http.withToken(
                user.idToken(),
                "mutation C($t: String!) { createNote(input: "
                        + "{text: $t, secret: \"s\", internal: \"i\"}) { id text owner secret internal } }",
                Map.of("t", text));
        assertThat(created.status()).isEqualTo(200);
        return created.data().get("createNote");
    }

    @Test
    void aSubscriberGetsEachMutationsResult() {
        try (RealtimeClient client = connected(token(ann))) {
            assertThat(client.nextIncludingKeepAlive().get("type").asText()).isEqualTo("ka");
            client.start("s1", ON_CREATE, Map.of(), token(ann));
            assertThat(client.next().toString()).isEqualTo("{\"type\":\"start_ack\",\"id\":\"s1\"}");
            JsonNode note = createNote(ann, "hello subscribers");
            JsonNode data = client.next();
            assertThat(data.get("type").asText()).isEqualTo("data");
            assertThat(data.get("id").asText()).isEqualTo("s1");
            JsonNode received = data.at("/payload/data/onCreateNote");
            assertThat(received.get("id").asText()).isEqualTo(note.get("id").asText());
            assertThat(received.get("text").asText()).isEqualTo("hello subscribers");
            assertThat(received.get("owner").asText()).isEqualTo(ann.sub());
            assertThat(received.get("secret").asText()).isEqualTo("s");
            assertThat(data.at("/payload/errors").isMissingNode()).isTrue();

            client.send(Map.of("type", "stop", "id", "s1"));
            assertThat(client.next().toString()).isEqualTo("{\"type\":\"complete\",\"id\":\"s1\"}");
        }
    }

    @Test
    void fieldsTheMutationDidNotSelectArriveAsNull() {
        try (RealtimeClient client = connected(token(ann))) {
            client.start("nullable", "subscription { onCreateNote { id secret internal } }", Map.of(), token(ann));
            assertThat(client.next().get("type").asText()).isEqualTo("start_ack");
            client.start("strict", ON_CREATE, Map.of(), token(ann));
            assertThat(client.next().get("type").asText()).isEqualTo("start_ack");
            http.withToken(ann.idToken(), "mutation { createNote(input: {text: \"only id\", secret: \"s\"}) { id } }");
            Map<String, JsonNode> byId = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                JsonNode message = client.next();
                assertThat(message.get("type").asText()).isEqualTo("data");
                byId.put(message.get("id").asText(), message.get("payload"));
            }
            // The event carries only what the mutation selected: nullable fields arrive as null...
            JsonNode nullable = byId.get("nullable");
            assertThat(nullable.at("/data/onCreateNote/id").asText()).isNotEmpty();
            assertThat(nullable.at("/data/onCreateNote/secret").isNull()).isTrue();
            assertThat(nullable.at("/data/onCreateNote/internal").isNull()).isTrue();
            assertThat(nullable.has("errors")).isFalse();
            // ...and non-null ones null their parent with AppSync's error, as AppSync does.
            JsonNode strict = byId.get("strict");
            assertThat(strict.at("/data/onCreateNote").isNull()).isTrue();
            assertThat(strict.get("errors")).hasSize(2);
            assertThat(strict.at("/errors/0/message").asText())
                    .isEqualTo(
                            "Cannot return null for non-nullable type: 'String' within parent 'Note' (/onCreateNote/text)");
            assertThat(strict.at("/errors/1/message").asText())
                    .isEqualTo(
                            "Cannot return null for non-nullable type: 'ID' within parent 'Note' (/onCreateNote/owner)");
            assertThat(strict.at("/errors/0/path").toString()).isEqualTo("[\"onCreateNote\",\"text\"]");
        }
    }

    @Test
    void eachSubscriberSeesOnlyTheFieldsItMayRead() {
        Map<String, String> connect = RealtimeClient.signed(realtime, "/graphql/connect", "{}", guest);
        try (RealtimeClient client = connected(connect)) {
            String data = GraphQlClient.body(ON_CREATE, Map.of());
            client.send(Map.of(
                    "id",
                    "g1",
                    "type",
                    "start",
                    "payload",
                    Map.of(
                            "data",
                            data,
                            "extensions",
                            Map.of("authorization", RealtimeClient.signed(realtime, "/graphql", data, guest)))));
            assertThat(client.next().get("type").asText()).isEqualTo("start_ack");
            createNote(ann, "seen by a guest");
            JsonNode payload = client.next().get("payload");
            assertThat(payload.at("/data/onCreateNote/text").asText()).isEqualTo("seen by a guest");
            // secret: no IAM directive; internal: an IAM directive, but no grant in the guest role's policy.
            assertThat(payload.at("/data/onCreateNote/secret").isNull()).isTrue();
            assertThat(payload.at("/data/onCreateNote/internal").isNull()).isTrue();
            assertThat(payload.get("errors")).hasSize(2);
            AppSyncEndpointTest.assertFieldError(
                    payload.get("errors").get(0), List.of("onCreateNote", "secret"), "secret", "Note");
            AppSyncEndpointTest.assertFieldError(
                    payload.get("errors").get(1), List.of("onCreateNote", "internal"), "internal", "Note");
        }
    }

    @Test
    void argumentsFilterTheEvents() {
        try (RealtimeClient client = connected(token(ann))) {
            client.start(
                    "mine",
                    "subscription S($o: ID) { onCreateNote(owner: $o) { text owner } }",
                    Map.of("o", ann.sub()),
                    token(ann));
            assertThat(client.next().get("type").asText()).isEqualTo("start_ack");
            createNote(bob, "bob's");
            createNote(ann, "ann's");
            // Events arrive in order: bob's note was never sent to this subscription.
            JsonNode received = client.next().at("/payload/data/onCreateNote");
            assertThat(received.get("text").asText()).isEqualTo("ann's");
        }
    }

    @Test
    void subscriptionsOnOneConnectionUseTheirOwnCredentials() {
        try (RealtimeClient client = connected(token(bob))) {
            client.start("as-admin", "subscription { onNoteForAdmins { text } }", Map.of(), token(admin));
            assertThat(client.next().get("type").asText()).isEqualTo("start_ack");
            client.start("as-bob", "subscription { onNoteForAdmins { text } }", Map.of(), token(bob));
            JsonNode refused = client.next();
            assertThat(refused.get("type").asText()).isEqualTo("error");
            assertThat(refused.get("id").asText()).isEqualTo("as-bob");
            AppSyncEndpointTest.assertFieldError(
                    refused.at("/payload/errors/0"), List.of("onNoteForAdmins"), "onNoteForAdmins", "Subscription");
            createNote(ann, "for the admins");
            JsonNode delivered = client.next();
            assertThat(delivered.get("id").asText()).isEqualTo("as-admin");
            assertThat(delivered.at("/payload/data/onNoteForAdmins/text").asText())
                    .isEqualTo("for the admins");
        }
    }

    @Test
    void unauthorizedSubscribesAreRefused() {
        try (RealtimeClient client = connected(token(ann))) {
            String data = GraphQlClient.body("subscription { onNoteForAdmins { text } }", Map.of());
            client.send(Map.of(
                    "id",
                    "guest",
                    "type",
                    "start",
                    "payload",
                    Map.of(
                            "data",
                            data,
                            "extensions",
                            Map.of("authorization", RealtimeClient.signed(realtime, "/graphql", data, guest)))));
            JsonNode permission = client.next();
            assertThat(permission.get("type").asText()).isEqualTo("error");
            assertThat(permission.at("/payload/errors/0/errorType").asText()).isEqualTo("UnauthorizedException");
            assertThat(permission.at("/payload/errors/0/message").asText()).isEqualTo("Permission denied");
            assertThat(permission.at("/payload/errors/0/errorCode").asInt()).isEqualTo(401);

            client.start(
                    "forged",
                    ON_CREATE,
                    Map.of(),
                    RealtimeClient.headers(
                            realtime,
                            "Authorization",
                            ann.idToken().substring(0, ann.idToken().length() - 4) + "AAAA"));
            JsonNode forged = client.next();
            assertThat(forged.at("/payload/errors/0/errorType").asText())
                    .as(forged.toString())
                    .isEqualTo("UnauthorizedException");
            assertThat(forged.at("/payload/errors/0/errorCode").asInt()).isEqualTo(401);

            // An IAM signature over another body than the one sent is refused too.
            String other = GraphQlClient.body("subscription { onDeleteNote { id } }", Map.of());
            client.send(Map.of(
                    "id",
                    "swapped",
                    "type",
                    "start",
                    "payload",
                    Map.of(
                            "data",
                            data,
                            "extensions",
                            Map.of("authorization", RealtimeClient.signed(realtime, "/graphql", other, guest)))));
            JsonNode swapped = client.next();
            assertThat(swapped.at("/payload/errors/0/errorType").asText()).isEqualTo("InvalidSignatureException");
            assertThat(stack.openSubscriptions()).isZero();
        }
    }

    @Test
    void aHandshakeWithBadCredentialsGetsConnectionError() throws Exception {
        RealtimeClient client =
                RealtimeClient.connect(realtime, RealtimeClient.headers(realtime, "Authorization", "not-a-token"));
        JsonNode error = client.next();
        assertThat(error.get("type").asText()).isEqualTo("connection_error");
        assertThat(error.at("/payload/errors/0/errorType").asText()).isEqualTo("UnauthorizedException");
        assertThat(error.at("/payload/errors/0/message").asText()).isEqualTo("Unable to parse JWT token.");
        assertThat(error.at("/payload/errors/0/errorCode").asInt()).isEqualTo(401);
        assertThat(client.closed.get(15, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void theHandshakeMayCarryItsCredentialsInAHeaderSubprotocol() {
        // As Amplify JS v6 connects: Sec-WebSocket-Protocol: graphql-ws, header-<base64url JSON>; no query string.
        try (RealtimeClient client = RealtimeClient.connectWithSubprotocol(realtime, token(ann))) {
            assertThat(client.subprotocol()).isEqualTo("graphql-ws");
            client.init();
            assertThat(client.next().get("type").asText()).isEqualTo("connection_ack");
            client.start("pool", ON_CREATE, Map.of(), token(ann));
            assertThat(client.next().toString()).isEqualTo("{\"type\":\"start_ack\",\"id\":\"pool\"}");
        }
        // IAM: the SigV4 headers of a POST /graphql/connect with body {}, which is never sent.
        Map<String, String> connect = RealtimeClient.signed(realtime, "/graphql/connect", "{}", guest);
        try (RealtimeClient client = RealtimeClient.connectWithSubprotocol(realtime, connect)) {
            assertThat(client.subprotocol()).isEqualTo("graphql-ws");
            client.init();
            assertThat(client.next().get("type").asText()).isEqualTo("connection_ack");
        }
    }

    @Test
    void aHeaderSubprotocolIsVerifiedLikeTheQueryString() throws Exception {
        RealtimeClient forged = RealtimeClient.connectWithSubprotocol(
                realtime, RealtimeClient.headers(realtime, "Authorization", "not-a-token"));
        JsonNode error = forged.next();
        assertThat(error.get("type").asText()).isEqualTo("connection_error");
        assertThat(error.at("/payload/errors/0/errorType").asText()).isEqualTo("UnauthorizedException");
        assertThat(error.at("/payload/errors/0/message").asText()).isEqualTo("Unable to parse JWT token.");
        assertThat(forged.closed.get(15, TimeUnit.SECONDS)).isEqualTo(1000);

        // A signature over another body than {} does not open the connection.
        Map<String, String> other = RealtimeClient.signed(realtime, "/graphql/connect", "{\"a\":1}", guest);
        RealtimeClient unsigned = RealtimeClient.connectWithSubprotocol(realtime, other);
        JsonNode refused = unsigned.next();
        assertThat(refused.get("type").asText()).isEqualTo("connection_error");
        assertThat(refused.at("/payload/errors/0/errorType").asText()).isEqualTo("InvalidSignatureException");
        assertThat(unsigned.closed.get(15, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void aBadFaithIntrospectionQueryGetsAnErrorForItsSubscription() throws Exception {
        // graphql-java's good-faith introspection check refuses the whole document while validating it.
        String query = "subscription S { onCreateNote { id } } "
                + "query Q { __schema { types { name } } again: __schema { types { name } } }";
        String data = GraphQlClient.JSON.writeValueAsString(
                Map.of("query", query, "operationName", "S", "variables", Map.of()));
        try (RealtimeClient client = connected(token(ann))) {
            client.send(Map.of(
                    "id",
                    "abuse",
                    "type",
                    "start",
                    "payload",
                    Map.of("data", data, "extensions", Map.of("authorization", token(ann)))));
            JsonNode error = client.next();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("id").asText()).isEqualTo("abuse");
            assertThat(error.at("/payload/errors/0/errorType").asText()).isEqualTo("BadRequestException");
            assertThat(error.at("/payload/errors/0/message").asText())
                    .startsWith("This request is not asking for introspection in good faith");
            assertThat(error.at("/payload/errors/0/errorCode").asInt()).isEqualTo(400);
        }
    }

    @Test
    void aClientWithoutTheSubprotocolIsNotUpgraded() {
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .buildAsync(RealtimeClient.url(realtime, token(ann)), new java.net.http.WebSocket.Listener() {})
                        .join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void queriesAndUnknownMessagesAreRefusedOnTheChannel() {
        try (RealtimeClient client = connected(
                RealtimeClient.headers(realtime, "x-api-key", stack.apiKey().orElseThrow()))) {
            client.start(
                    "q",
                    "{ listNotes { id } }",
                    Map.of(),
                    RealtimeClient.headers(realtime, "x-api-key", stack.apiKey().orElseThrow()));
            JsonNode error = client.next();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.at("/payload/errors/0/errorType").asText()).isEqualTo("UnsupportedOperation");
            client.send(Map.of("type", "subscribe", "id", "x"));
            JsonNode unknown = client.next();
            assertThat(unknown.at("/payload/errors/0/message").asText())
                    .isEqualTo("subscribe not supported through the realtime channel");
        }
    }
}
