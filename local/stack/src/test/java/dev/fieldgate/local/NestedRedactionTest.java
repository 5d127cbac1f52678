package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.cognito.TestConfigs;
import dev.fieldgate.local.cognito.TestUsers;
import dev.fieldgate.policy.SchemaCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redaction below the top level, over the real-time endpoint with a function on the kit's runtime: a post's
 * details carry a note for the Admins only, and its author (loaded by a resolver) an address for that author only.
 * When an Admin creates a post, the response carries neither (it feeds every listener: guests and every signed-in
 * user may listen), so no listener, Ann or the Admin, receives them.
 */
class NestedRedactionTest {

    private static final String SELECTION = "{ id title details { summary moderatorNote } author { name email } }";

    @TempDir
    static Path manifestRoot;

    private static LocalStack stack;
    private static GraphQlClient http;
    private static URI realtime;
    private static TestUsers.User ann;
    private static TestUsers.User admin;

    @BeforeAll
    static void start() throws IOException {
        String schema = schema();
        Path manifest = manifestRoot.resolve("fieldgate/manifest.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(
                manifest,
                SchemaCompiler.create()
                        .compile(schema, "boards.graphql")
                        .manifest()
                        .toJson());
        stack = LocalStack.builder()
                .config(TestConfigs.pins())
                .schema(schema)
                .function(TestFunctions.boards(manifestRoot))
                .inMemory()
                .start();
        http = new GraphQlClient(stack.graphqlEndpoint());
        realtime = stack.realtimeEndpoint();
        TestUsers users = new TestUsers(stack.cognito());
        ann = users.create("ann@example.com");
        admin = users.create("mod@example.com", "Admins");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String schema() {
        try (InputStream in = NestedRedactionTest.class.getResourceAsStream("/appsync/boards.graphql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RealtimeClient listen(TestUsers.User user) {
        Map<String, String> auth = RealtimeClient.headers(realtime, "Authorization", user.idToken());
        RealtimeClient client = RealtimeClient.connect(realtime, auth);
        client.init();
        assertThat(client.next().path("type").asText()).isEqualTo("connection_ack");
        client.start("posts", "subscription { onCreatePost " + SELECTION + " }", Map.of(), auth);
        assertThat(client.next().path("type").asText()).isEqualTo("start_ack");
        return client;
    }

    @Test
    void noListenerReceivesTheNoteOrTheAuthorsAddress() {
        try (RealtimeClient annListening = listen(ann);
                RealtimeClient adminListening = listen(admin)) {
            GraphQlClient.Response created =
                    http.withToken(admin.idToken(), "mutation { createPost(title: \"Hello\") " + SELECTION + " }");

            // The Admin may read both, and the response carries neither: it is what every listener receives.
            assertThat(created.errors().isMissingNode())
                    .as(created.body().toString())
                    .isTrue();
            JsonNode post = created.data().get("createPost");
            assertThat(post.at("/details/summary").asText()).isEqualTo("a summary");
            assertThat(post.at("/details/moderatorNote").isNull()).isTrue();
            assertThat(post.at("/author/name").asText()).isEqualTo("The author");
            assertThat(post.at("/author/email").isNull()).isTrue();
            for (RealtimeClient listener : java.util.List.of(annListening, adminListening)) {
                JsonNode event = listener.next();
                JsonNode received = event.at("/payload/data/onCreatePost");
                assertThat(received.get("id").asText()).isEqualTo(post.get("id").asText());
                assertThat(received.at("/details/summary").asText()).isEqualTo("a summary");
                assertThat(received.at("/author/name").asText()).isEqualTo("The author");
                assertThat(event.toString())
                        .doesNotContain("a moderator's note")
                        .doesNotContain("@authors.example.com");
            }
        }
    }
}
