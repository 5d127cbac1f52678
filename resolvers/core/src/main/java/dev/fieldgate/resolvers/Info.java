package dev.fieldgate.resolvers;

import dev.fieldgate.resolvers.internal.Immutables;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code info} part of the event: which field AppSync is resolving and what the query selects below it.
 *
 * @param parentTypeName      the type holding the field, e.g. {@code Query} or {@code Pin}
 * @param fieldName           the field, e.g. {@code getPin} or {@code author}
 * @param variables           the operation's variables
 * @param selectionSetList    the selected fields below this one, nested ones as {@code parent/child}
 * @param selectionSetGraphQL the selection set as GraphQL text
 */
public record Info(
        String parentTypeName,
        String fieldName,
        Map<String, Object> variables,
        List<String> selectionSetList,
        String selectionSetGraphQL) {

    public Info {
        Objects.requireNonNull(parentTypeName, "parentTypeName");
        Objects.requireNonNull(fieldName, "fieldName");
        variables = Immutables.map(variables);
        selectionSetList = Immutables.strings(selectionSetList);
    }

    /** {@code Type.field}. */
    public String coordinate() {
        return parentTypeName + "." + fieldName;
    }

    /** True when the query selects this field (directly below the resolved one, or nested as {@code a/b}). */
    public boolean selects(String path) {
        return selectionSetList.contains(path);
    }

    /** Leaves variables out: they are the caller's input. */
    @Override
    public String toString() {
        return "Info[" + coordinate() + ", selectionSetList=" + selectionSetList + "]";
    }
}
