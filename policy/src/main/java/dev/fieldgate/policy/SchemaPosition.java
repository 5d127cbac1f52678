package dev.fieldgate.policy;

/**
 * A place in a schema file: its name as given to the compiler, and a 1-based line and column.
 */
public record SchemaPosition(String sourceName, int line, int column) {

    @Override
    public String toString() {
        return sourceName + ":" + line + ":" + column;
    }
}
