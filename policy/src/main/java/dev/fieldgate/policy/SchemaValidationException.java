package dev.fieldgate.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The schema cannot be compiled. {@link #problems()} lists every error found, each with its line and column and
 * what to write instead; the message prints them all.
 */
public class SchemaValidationException extends PolicyException {

    private static final long serialVersionUID = 1L;

    private final transient List<Notice> problems;

    public SchemaValidationException(List<Notice> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the schema:\n"
                + problems.stream().map(Notice::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Notice> problems() {
        return problems;
    }
}
