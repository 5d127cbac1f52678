package dev.fieldgate.samples.notes;

import dev.fieldgate.resolvers.Router;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.resolvers.dynamodb.Page;
import dev.fieldgate.samples.notes.Notes.CreateArgs;
import dev.fieldgate.samples.notes.Notes.IdArgs;
import dev.fieldgate.samples.notes.Notes.ListArgs;
import dev.fieldgate.samples.notes.Notes.Note;
import dev.fieldgate.samples.notes.Notes.NoteConnection;
import dev.fieldgate.samples.notes.Notes.UpdateArgs;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * The five notes operations. Who may call what is not here: the schema's {@code {allow: owner, provider:
 * identityPool}} rule is enforced by the runtime before each handler runs, the table stamps the caller on a create
 * and makes updates and deletes conditional on the stored owner, and {@code listOwned} queries only the caller's
 * notes. The table is asked for on first use, so a denied call never makes a DynamoDB client.
 */
public final class NotesResolvers {

    private NotesResolvers() {}

    public static Router router(Supplier<OwnedTable<Note>> table, Clock clock) {
        return Router.create()
                .query("getNote", IdArgs.class, (args, ctx) -> table.get().get(key(args.noteId())).orElse(null))
                .query("listNotes", ListArgs.class, (args, ctx) -> {
                    Page<Note> page = table.get().listOwned(ctx, "byOwner", args.limit(), args.nextToken());
                    return new NoteConnection(page.items(), page.nextToken());
                })
                .mutation("createNote", CreateArgs.class, (args, ctx) -> table.get().create(ctx, new Note(
                        UUID.randomUUID().toString(), null, args.input().content(), args.input().attachment(),
                        now(clock), now(clock))))
                .mutation("updateNote", UpdateArgs.class, (args, ctx) -> table.get().update(ctx, new Note(
                        args.input().noteId(), null, args.input().content(), args.input().attachment(), null,
                        now(clock))))
                .mutation("deleteNote", IdArgs.class, (args, ctx) -> table.get().delete(ctx, key(args.noteId())));
    }

    private static Key key(String noteId) {
        return Key.builder().partitionValue(noteId).build();
    }

    private static String now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
