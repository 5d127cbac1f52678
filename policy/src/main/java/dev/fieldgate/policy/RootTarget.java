package dev.fieldgate.policy;

import java.util.Objects;

/**
 * The model type and operation a root field performs, e.g. {@code Mutation.deletePin} deletes a {@code Pin}: the
 * rules of {@code Pin} for {@code delete} decide who may call it.
 */
public record RootTarget(String type, Operation operation) {

    public RootTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(operation, "operation");
    }
}
