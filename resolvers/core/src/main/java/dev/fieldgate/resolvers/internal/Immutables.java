package dev.fieldgate.resolvers.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, null-tolerant immutable copies of JSON-shaped values (maps, lists, scalars). {@code Map.copyOf} refuses
 * {@code null}, but GraphQL arguments and records use JSON nulls on purpose.
 */
public final class Immutables {

    private Immutables() {}

    /** An unmodifiable deep copy; {@code null} becomes an empty map. */
    public static Map<String, Object> map(Map<String, ?> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, source.size() * 4 / 3 + 1));
        source.forEach((key, value) -> copy.put(key, value(value)));
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable deep copy of a JSON value; scalars are returned as they are. */
    @SuppressWarnings("unchecked")
    public static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return List.of();
            }
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(value(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** An unmodifiable copy without nulls; {@code null} becomes an empty list. */
    public static List<String> strings(List<String> source) {
        if (source == null || source.isEmpty()) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(source.size());
        for (String item : source) {
            if (item != null) {
                copy.add(item);
            }
        }
        return List.copyOf(copy);
    }
}
