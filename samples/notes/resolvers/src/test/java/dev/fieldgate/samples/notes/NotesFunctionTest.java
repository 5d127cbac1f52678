package dev.fieldgate.samples.notes;

import static dev.fieldgate.testing.AppSyncEvents.mutation;
import static dev.fieldgate.testing.AppSyncEvents.query;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.iamUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.testing.Caller;
import dev.fieldgate.testing.EventBuilder;
import dev.fieldgate.testing.dynamodb.DynamoDbLocal;
import dev.fieldgate.testing.dynamodb.LocalTables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The notes function as Lambda runs it ({@code FunctionInvoker} with {@code MAIN_CLASS}) over the manifest's table
 * in DynamoDB Local: each note belongs to the identity that wrote it, and nobody else reaches it.
 */
class NotesFunctionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ANN = "us-east-1:00000000-0000-4000-8000-000000000a00";
    static final String BOB = "us-east-1:00000000-0000-4000-8000-000000000b00";
    static FunctionInvoker invoker;

    @BeforeAll
    static void start() {
        Manifest manifest = Manifest.fromClasspath(AppSyncResolver.MANIFEST_RESOURCE);
        LocalTables tables = DynamoDbLocal.shared().createTables(manifest, "notes-test-");
        System.setProperty("MAIN_CLASS", NotesApplication.class.getName());
        tables.environment().forEach(System::setProperty);
        invoker = new FunctionInvoker();
    }

    static Caller identity(String identityId) {
        return iamUser("sub-" + identityId.substring(identityId.length() - 3)).identityId(identityId);
    }

    static Map<String, Object> invoke(EventBuilder event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            invoker.handleRequest(new ByteArrayInputStream(event.toJson()), out, null);
            return JSON.readValue(out.toByteArray(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> response) {
        assertThat(response).as(response.toString()).containsKey("data");
        return (Map<String, Object>) response.get("data");
    }

    @Test
    void aNoteIsItsAuthorsAlone() {
        Map<String, Object> created = data(
                invoke(mutation("createNote").caller(identity(ANN)).input(Map.of("content", "call the bank"))));
        String id = (String) created.get("noteId");
        assertThat(created).containsEntry("owner", ANN).containsEntry("content", "call the bank");

        assertThat(data(invoke(query("getNote").caller(identity(ANN)).argument("noteId", id))))
                .containsEntry("content", "call the bank");
        assertThat(invoke(query("getNote").caller(identity(BOB)).argument("noteId", id)))
                .containsEntry("errorType", "Unauthorized");
        assertThat(invoke(mutation("updateNote")
                        .caller(identity(BOB))
                        .input(Map.of("noteId", id, "content", "x"))))
                .containsEntry("errorType", "Unauthorized");
        assertThat(invoke(query("listNotes").caller(iamGuest()))).containsEntry("errorType", "Unauthorized");
        assertThat(data(invoke(query("listNotes").caller(identity(BOB)))).get("items"))
                .asList()
                .isEmpty();

        assertThat(data(invoke(mutation("updateNote")
                        .caller(identity(ANN))
                        .input(Map.of("noteId", id, "content", "called the bank")))))
                .containsEntry("content", "called the bank");
        assertThat(data(invoke(mutation("deleteNote").caller(identity(ANN)).argument("noteId", id))))
                .containsEntry("noteId", id);
        assertThat(invoke(mutation("deleteNote").caller(identity(ANN)).argument("noteId", id)))
                .containsEntry("errorType", "NotFoundException")
                .containsEntry("errorMessage", "No Note with this noteId");
    }

    @Test
    void argumentsAreCheckedAsTheSchemaAndTheAppSay() {
        assertThat(invoke(mutation("createNote").caller(identity(ANN)).input(Map.of("attachment", "a.png"))))
                .containsEntry("errorType", "ValidationException")
                .containsEntry("errorMessage", "Argument 'input.content' is required");
        assertThat(invoke(mutation("createNote").caller(identity(ANN)).input(Map.of("content", "  "))))
                .containsEntry("errorType", "ValidationException")
                .containsEntry("errorMessage", "Argument 'input.content' must not be blank");
        assertThat(invoke(query("listNotes").caller(identity(ANN)).argument("limit", 101)))
                .containsEntry("errorType", "ValidationException")
                .containsEntry("errorMessage", "Argument 'limit' must be between 1 and 100");
    }
}
