package dev.fieldgate.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The compiled access of one object type: its kind, its type-level rules and every field's access.
 *
 * @param kind   root, model (has rules) or value (inherits from the field that returned it)
 * @param rules  the type-level kit rules; {@code null} for root and value types
 * @param fields every field of the type, in schema order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TypeAccess(Kind kind, List<AuthRule> rules, Map<String, FieldAccess> fields) {

    /** How a type takes part in authorization. */
    public enum Kind {
        /** Query, Mutation, Subscription: each field decides for itself. */
        ROOT,
        /** A type with {@code @auth} rules. */
        MODEL,
        /** A type without rules, reached only through fields that were already authorized. */
        VALUE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromWireName(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public TypeAccess {
        Objects.requireNonNull(kind, "kind");
        rules = rules == null ? null : List.copyOf(rules);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields));
    }
}
