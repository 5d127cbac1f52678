package dev.fieldgate.resolvers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What owner rules require of a write, decided by the runtime before the handler runs:
 * <ul>
 *   <li>{@link #stamp()}: for a create, the owner fields to set from the caller's identity (whatever the client
 *       sent; a different value was already refused);</li>
 *   <li>{@link #conditions()}: for an update or delete that only an owner rule allows, what the <em>stored</em>
 *       record must name for the write to proceed. Make the write conditional on them in the store (the DynamoDB
 *       helpers do), so that no race between a read and a write can bypass the check.</li>
 *   <li>{@link #conditions()} of a list that only an owner rule allows: what each record it returns must name
 *       (the caller's own values), so a store can query exactly the caller's records
 *       ({@code OwnedTable.listOwned}); the runtime still drops any other record from the result.</li>
 * </ul>
 * Every condition must hold; a condition holds when any of its matches does.
 */
public final class Ownership {

    private static final Ownership NONE = new Ownership(List.of(), Map.of());

    /**
     * The stored record's {@code field} must name {@code value}: equal to it, or contain it when the field holds a
     * list of owners.
     */
    public record Match(String field, String value) {

        public Match {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Holds when any of its matches does. */
    public record Condition(List<Match> anyOf) {

        public Condition {
            anyOf = List.copyOf(anyOf);
            if (anyOf.isEmpty()) {
                throw new IllegalArgumentException("a condition needs at least one match");
            }
        }
    }

    private final List<Condition> conditions;
    private final Map<String, String> stamp;

    private Ownership(List<Condition> conditions, Map<String, String> stamp) {
        this.conditions = conditions;
        this.stamp = stamp;
    }

    /** No owner requirement. */
    public static Ownership none() {
        return NONE;
    }

    public static Ownership of(List<Condition> conditions, Map<String, String> stamp) {
        if (conditions.isEmpty() && stamp.isEmpty()) {
            return NONE;
        }
        return new Ownership(List.copyOf(conditions), Map.copyOf(stamp));
    }

    /** True when the write may only proceed if the stored record satisfies {@link #conditions()}. */
    public boolean isConditional() {
        return !conditions.isEmpty();
    }

    /** What the stored record must satisfy; empty when the write is unconditional (e.g. an Admin's delete). */
    public List<Condition> conditions() {
        return conditions;
    }

    /** For a create: owner field → the caller's value to store in it. Empty for other operations. */
    public Map<String, String> stamp() {
        return stamp;
    }

    /** Evaluates the conditions against a loaded record, for stores that cannot condition a write. */
    public boolean isSatisfiedBy(Map<String, ?> record) {
        if (record == null) {
            return conditions.isEmpty();
        }
        for (Condition condition : conditions) {
            boolean any = false;
            for (Match match : condition.anyOf()) {
                Object stored = record.get(match.field());
                if (stored instanceof Collection<?> owners) {
                    any = owners.stream()
                            .anyMatch(owner -> owner != null && match.value().equals(owner.toString()));
                } else {
                    any = stored != null && match.value().equals(stored.toString());
                }
                if (any) {
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ownership that && conditions.equals(that.conditions) && stamp.equals(that.stamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conditions, stamp);
    }

    /** Field names only: the values identify the caller. */
    @Override
    public String toString() {
        return "Ownership[conditions="
                + conditions.stream()
                        .map(c -> c.anyOf().stream().map(Match::field).toList())
                        .toList() + ", stamp=" + stamp.keySet() + "]";
    }
}
