package dev.fieldgate.samples.notes;

import dev.fieldgate.resolvers.ValidationException;
import java.util.List;

/**
 * The notes API's types, one record each, as the schema names them. {@code Note} is both what the resolvers return
 * and what the {@code Note} table stores: its keys and the {@code byOwner} index come from the schema's
 * {@code @table}, so it needs no annotations and no bean.
 */
public final class Notes {

    static final int MAX_CONTENT = 10_000;

    private Notes() {}

    /** The GraphQL {@code Note}; {@code owner} is the author's identity-pool identity id, stamped by the runtime. */
    public record Note(
            String noteId, String owner, String content, String attachment, String createdAt, String updatedAt) {}

    /** The GraphQL {@code NoteConnection}: one page of the caller's notes, newest first. */
    public record NoteConnection(List<Note> items, String nextToken) {}

    /** {@code CreateNoteInput}. There is no owner: the runtime stamps the caller. */
    public record CreateNoteInput(String content, String attachment) {
        public CreateNoteInput {
            content = text(content, "input.content");
        }
    }

    /** {@code UpdateNoteInput}: the fields to change; the rest stay as they are. */
    public record UpdateNoteInput(String noteId, String content, String attachment) {
        public UpdateNoteInput {
            content = content == null ? null : text(content, "input.content");
        }
    }

    public record CreateArgs(CreateNoteInput input) {}

    public record UpdateArgs(UpdateNoteInput input) {}

    public record IdArgs(String noteId) {}

    public record ListArgs(Integer limit, String nextToken) {
        public ListArgs {
            limit = limit == null ? 20 : limit;
            if (limit < 1 || limit > 100) {
                throw new ValidationException("Argument 'limit' must be between 1 and 100");
            }
        }
    }

    private static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("Argument '" + name + "' must not be blank");
        }
        if (value.length() > MAX_CONTENT) {
            throw new ValidationException("Argument '" + name + "' must be at most " + MAX_CONTENT + " characters");
        }
        return value;
    }
}
