package dev.fieldgate.policy;

import java.util.Objects;

/**
 * Something the compiler has to say about a schema: an error that stops it, a warning worth reading, or an
 * information such as an AppSync directive it added.
 *
 * @param level    how serious
 * @param position where in the schema, or {@code null} when it concerns the whole schema
 * @param subject  the element concerned, e.g. {@code Pin.ownerContact}, or {@code schema}
 * @param message  what is wrong or was done, and what to write instead
 */
public record Notice(Level level, SchemaPosition position, String subject, String message) {

    /** How serious a notice is. */
    public enum Level {
        ERROR,
        WARNING,
        INFO
    }

    public Notice {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    /** {@code schema.graphql:12:5: error: Pin.ownerContact: message}, as compilers print it. */
    @Override
    public String toString() {
        String where = position == null ? "" : position + ": ";
        return where + level.name().toLowerCase(java.util.Locale.ROOT) + ": " + subject + ": " + message;
    }
}
