package dev.fieldgate.maven.internal;

import java.util.List;

/** The schema or the operations cannot be turned into a client; each problem says where and what to fix. */
public final class ClientGenerationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ClientGenerationException(String summary, List<String> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    public ClientGenerationException(String problem) {
        this(problem, List.of(problem));
    }

    /** Every problem found, one per line of the build's output. */
    public List<String> problems() {
        return problems;
    }
}
