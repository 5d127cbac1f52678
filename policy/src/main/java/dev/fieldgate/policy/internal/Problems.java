package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.Notice;
import dev.fieldgate.policy.SchemaPosition;
import dev.fieldgate.policy.SchemaValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors, warnings and notes of one compilation, in schema order. */
public final class Problems {

    private final List<Notice> notices = new ArrayList<>();

    public void error(SchemaPosition position, String subject, String message) {
        notices.add(new Notice(Notice.Level.ERROR, position, subject, message));
    }

    public void warning(SchemaPosition position, String subject, String message) {
        notices.add(new Notice(Notice.Level.WARNING, position, subject, message));
    }

    public void info(SchemaPosition position, String subject, String message) {
        notices.add(new Notice(Notice.Level.INFO, position, subject, message));
    }

    public boolean hasErrors() {
        return notices.stream().anyMatch(n -> n.level() == Notice.Level.ERROR);
    }

    /** Throws with every error found so far, so a schema author fixes them all in one go. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new SchemaValidationException(sorted(Notice.Level.ERROR));
        }
    }

    /** Warnings and notes, in schema order. */
    public List<Notice> nonErrors() {
        List<Notice> result = new ArrayList<>(sorted(Notice.Level.WARNING));
        result.addAll(sorted(Notice.Level.INFO));
        result.sort(ORDER);
        return List.copyOf(result);
    }

    private List<Notice> sorted(Notice.Level level) {
        return notices.stream().filter(n -> n.level() == level).sorted(ORDER).toList();
    }

    private static final Comparator<Notice> ORDER = Comparator.comparing(
                    (Notice n) -> n.position() == null ? 0 : n.position().line())
            .thenComparing(n -> n.position() == null ? 0 : n.position().column());
}
