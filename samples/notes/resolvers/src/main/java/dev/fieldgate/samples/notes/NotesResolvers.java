package dev.fieldgate.samples.notes;

import dev.fieldgate.resolvers.Router;
import dev.fieldgate.resolvers.ValidationException;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.resolvers.dynamodb.Page;
import dev.fieldgate.samples.notes.model.CreateNoteArgs;
import dev.fieldgate.samples.notes.model.DeleteNoteArgs;
import dev.fieldgate.samples.notes.model.GetNoteArgs;
import dev.fieldgate.samples.notes.model.ListNotesArgs;
import dev.fieldgate.samples.notes.model.Note;
import dev.fieldgate.samples.notes.model.NoteConnection;
import dev.fieldgate.samples.notes.model.UpdateNoteArgs;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * The five notes operations. Who may call what is not here: the schema's {@code {allow: owner, provider:
 * identityPool}} rule is enforced by the runtime before each handler runs, the table stamps the caller on a create
 * and makes updates and deletes conditional on the stored owner, and {@code listOwned} queries only the caller's
 * notes. The table is asked for on first use, so a denied call never makes a DynamoDB client.
 *
 * <p>The records ({@code Note}, {@code CreateNoteArgs}, ...) are generated from the schema by the Maven plugin's
 * {@code generate-model} goal; {@code Note} is also the item the {@code Note} table stores. What the schema cannot
 * say (a note is not blank, at most {@value #MAX_CONTENT} characters; 20 notes a page, at most 100) is checked here.
 */
public final class NotesResolvers {

    /**
     * AWSDateTime with exactly three fraction digits: sort keys compare as text, and Instant's own text drops the
     * fraction at a whole second ("…:49Z" would sort before "…:49.005Z").
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    static final int MAX_CONTENT = 10_000;

    private NotesResolvers() {}

    public static Router router(Supplier<OwnedTable<Note>> table, Clock clock) {
        return Router.create()
                .query("getNote", GetNoteArgs.class, (args, ctx) -> table.get().get(key(args.noteId())).orElse(null))
                .query("listNotes", ListNotesArgs.class, (args, ctx) -> {
                    Page<Note> page = table.get().listOwned(ctx, "byOwner", limit(args.limit()), args.nextToken());
                    return new NoteConnection(page.items(), page.nextToken());
                })
                .mutation("createNote", CreateNoteArgs.class, (args, ctx) -> {
                    String now = now(clock);
                    return table.get().create(ctx, new Note(UUID.randomUUID().toString(), null,
                            content(args.input().content()), args.input().attachment(), now, now));
                })
                .mutation("updateNote", UpdateNoteArgs.class, (args, ctx) -> {
                    String content = args.input().content() == null ? null : content(args.input().content());
                    return table.get().update(ctx, new Note(
                            args.input().noteId(), null, content, args.input().attachment(), null, now(clock)));
                })
                .mutation("deleteNote", DeleteNoteArgs.class,
                        (args, ctx) -> table.get().delete(ctx, key(args.noteId())));
    }

    private static String content(String content) {
        if (content.isBlank()) {
            throw new ValidationException("Argument 'input.content' must not be blank");
        }
        if (content.length() > MAX_CONTENT) {
            throw new ValidationException("Argument 'input.content' must be at most " + MAX_CONTENT + " characters");
        }
        return content;
    }

    private static int limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new ValidationException("Argument 'limit' must be between 1 and 100");
        }
        return limit == null ? 20 : limit;
    }

    private static Key key(String noteId) {
        return Key.builder().partitionValue(noteId).build();
    }

    private static String now(Clock clock) {
        return TIMESTAMP.format(clock.instant());
    }
}
