package dev.fieldgate.resolvers.dynamodb;

import static dev.fieldgate.testing.AppSyncEvents.mutation;
import static dev.fieldgate.testing.AppSyncEvents.query;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.iamUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import dev.fieldgate.resolvers.Router;
import dev.fieldgate.testing.Caller;
import dev.fieldgate.testing.EventBuilder;
import dev.fieldgate.testing.dynamodb.DynamoDbLocal;
import dev.fieldgate.testing.dynamodb.DynamoDbLocalExtension;
import dev.fieldgate.testing.dynamodb.LocalTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * The notes sample's schema on records: one record per type (no bean, no annotations), the caller's notes listed
 * newest first through the owner index with validated page tokens, errors naming the schema's type, and owners
 * that are identity-pool identities.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class OwnedRecordsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Manifest MANIFEST = SchemaCompiler.create()
            .compile(Path.of("../../samples/notes/schema.graphql"))
            .manifest();
    static final String ALICE = "us-east-1:00000000-0000-4000-8000-0000000a11ce";
    static final String BOB = "us-east-1:00000000-0000-4000-8000-000000000b0b";

    /** The GraphQL {@code Note}, and the item its table stores. */
    public record Note(
            String noteId, String owner, String content, String attachment, String createdAt, String updatedAt) {}

    public record NoteConnection(List<Note> items, String nextToken) {}

    record NoteInput(String noteId, String content, String attachment) {}

    record InputArgs(NoteInput input) {}

    record IdArgs(String noteId) {}

    record ListArgs(Integer limit, String nextToken) {}

    final LocalTables tables = DynamoDbLocal.shared().createTables(MANIFEST);
    final DynamoDbSettings settings = DynamoDbSettings.fromEnvironment(tables.environment()::get);
    final DynamoDbEnhancedClient enhanced = settings.createEnhancedClient(settings.createClient());
    final OwnedTable<Note> notes = OwnedTable.of(enhanced, settings, MANIFEST, Note.class);
    int clock;

    final AppSyncResolver resolver = AppSyncResolver.builder()
            .manifest(MANIFEST)
            .include(Router.create()
                    .query(
                            "getNote",
                            IdArgs.class,
                            (args, ctx) -> notes.get(key(args.noteId())).orElse(null))
                    .query("listNotes", ListArgs.class, (args, ctx) -> {
                        Page<Note> page = notes.listOwned(ctx, "byOwner", args.limit(), args.nextToken());
                        return new NoteConnection(page.items(), page.nextToken());
                    })
                    .mutation(
                            "createNote",
                            InputArgs.class,
                            (args, ctx) -> notes.create(
                                    ctx,
                                    new Note("n" + ++clock, null, args.input().content(), null, now(), now())))
                    .mutation(
                            "updateNote",
                            InputArgs.class,
                            (args, ctx) -> notes.update(
                                    ctx,
                                    new Note(
                                            args.input().noteId(),
                                            null,
                                            args.input().content(),
                                            null,
                                            null,
                                            now())))
                    .mutation("deleteNote", IdArgs.class, (args, ctx) -> notes.delete(ctx, key(args.noteId()))))
            .build();

    String now() {
        return String.format("2026-01-01T00:00:%02dZ", clock);
    }

    static Key key(String id) {
        return Key.builder().partitionValue(id).build();
    }

    static Caller identity(String identityId) {
        return iamUser("sub-" + identityId.substring(identityId.length() - 4)).identityId(identityId);
    }

    Map<String, Object> call(EventBuilder event) {
        try {
            return JSON.readValue(resolver.handle(event.toJson(), null), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> data(Map<String, Object> response) {
        assertThat(response).containsKey("data");
        return (Map<String, Object>) response.get("data");
    }

    Map<String, Object> create(String identityId, String content) {
        return data(call(mutation("createNote").caller(identity(identityId)).input(Map.of("content", content))));
    }

    @SuppressWarnings("unchecked")
    List<String> contents(Map<String, Object> connection) {
        List<String> contents = new ArrayList<>();
        ((List<Map<String, Object>>) connection.get("items"))
                .forEach(item -> contents.add((String) item.get("content")));
        return contents;
    }

    @Test
    void aRecordIsTheItemAndTheCreatorsIdentityIdIsItsOwner() {
        Map<String, Object> created = create(ALICE, "buy milk");

        assertThat(created).containsEntry("owner", ALICE).containsEntry("content", "buy milk");
        Note stored = notes.get(key((String) created.get("noteId"))).orElseThrow();
        assertThat(stored.owner()).isEqualTo(ALICE);
        assertThat(stored.createdAt()).isEqualTo(created.get("createdAt"));
    }

    @Test
    void theCallersNotesAreListedNewestFirstPageByPage() {
        create(ALICE, "first");
        create(BOB, "bob's");
        create(ALICE, "second");
        create(ALICE, "third");

        Map<String, Object> page1 =
                data(call(query("listNotes").caller(identity(ALICE)).argument("limit", 2)));
        assertThat(contents(page1)).containsExactly("third", "second");
        assertThat(page1.get("nextToken")).isNotNull();

        Map<String, Object> page2 = data(call(query("listNotes")
                .caller(identity(ALICE))
                .argument("limit", 2)
                .argument("nextToken", page1.get("nextToken"))));
        assertThat(contents(page2)).containsExactly("first");
        assertThat(page2.get("nextToken")).isNull();

        assertThat(contents(data(call(query("listNotes").caller(identity(BOB)).argument("limit", 10)))))
                .containsExactly("bob's");
    }

    @Test
    void aPageTokenServesOnlyTheCallerItWasIssuedTo() {
        create(ALICE, "a1");
        create(ALICE, "a2");
        create(BOB, "b1");
        String alicesToken =
                (String) data(call(query("listNotes").caller(identity(ALICE)).argument("limit", 1)))
                        .get("nextToken");

        Map<String, Object> bobWithAlicesToken = call(
                query("listNotes").caller(identity(BOB)).argument("limit", 1).argument("nextToken", alicesToken));
        assertThat(bobWithAlicesToken)
                .containsEntry("errorType", "ValidationException")
                .containsEntry("errorMessage", "Argument 'nextToken' is not a token this API issued");

        String json = new String(Base64.getUrlDecoder().decode(alicesToken), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.replace(ALICE, BOB).getBytes(StandardCharsets.UTF_8));
        // Rewritten to name Bob, the token is a start key in Bob's own notes: it can never reach Alice's.
        Map<String, Object> forgedPage = data(call(
                query("listNotes").caller(identity(BOB)).argument("limit", 5).argument("nextToken", forged)));
        assertThat(contents(forgedPage)).doesNotContain("a1", "a2");

        String otherIndex = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"noteId\":{\"S\":\"n1\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(call(query("listNotes")
                        .caller(identity(ALICE))
                        .argument("limit", 1)
                        .argument("nextToken", otherIndex)))
                .containsEntry("errorType", "ValidationException");
    }

    @Test
    void errorsNameTheSchemasTypeAndItsKey() {
        assertThat(call(mutation("updateNote").caller(identity(ALICE)).input(Map.of("noteId", "none", "content", "x"))))
                .containsEntry("errorType", "NotFoundException")
                .containsEntry("errorMessage", "No Note with this noteId");
        assertThat(call(mutation("deleteNote").caller(identity(ALICE)).argument("noteId", "none")))
                .containsEntry("errorMessage", "No Note with this noteId");
    }

    @Test
    void onlyTheOwningIdentityEditsOrDeletesAndGuestsGetNothing() {
        String id = (String) create(ALICE, "private").get("noteId");

        assertThat(call(mutation("updateNote").caller(identity(BOB)).input(Map.of("noteId", id, "content", "mine"))))
                .containsEntry("errorType", "Unauthorized");
        assertThat(call(mutation("deleteNote").caller(identity(BOB)).argument("noteId", id)))
                .containsEntry("errorType", "Unauthorized");
        assertThat(call(query("getNote").caller(identity(BOB)).argument("noteId", id)))
                .containsEntry("errorType", "Unauthorized");
        assertThat(call(query("listNotes").caller(iamGuest()))).containsEntry("errorType", "Unauthorized");
        assertThat(notes.get(key(id)).orElseThrow().content()).isEqualTo("private");

        assertThat(data(call(mutation("updateNote")
                        .caller(identity(ALICE))
                        .input(Map.of("noteId", id, "content", "edited")))))
                .containsEntry("content", "edited")
                .containsEntry("owner", ALICE);
        assertThat(data(call(mutation("deleteNote").caller(identity(ALICE)).argument("noteId", id))))
                .containsEntry("noteId", id);
        assertThat(notes.get(key(id))).isEmpty();
    }

    /** A record without the table's key attribute cannot be a table's item: the message says what to add. */
    public record Untitled(String content) {}

    @Test
    void aRecordMissingAKeyAttributeSaysWhichToAdd() {
        assertThatThrownBy(() -> OwnedTable.of(enhanced, settings, MANIFEST, Untitled.class))
                .isInstanceOf(ResolverConfigurationException.class)
                .hasMessageContaining("no table for type Untitled");
        Manifest.Table noteTable = MANIFEST.table("Note").orElseThrow();
        assertThatThrownBy(
                        () -> dev.fieldgate.resolvers.dynamodb.internal.RecordTableSchema.of(Untitled.class, noteTable))
                .isInstanceOf(ResolverConfigurationException.class)
                .hasMessageContaining("key attribute 'noteId' is not a component");
    }
}
