package dev.fieldgate.config.internal;

import dev.fieldgate.config.ConfigException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Validation helpers whose messages name the key and what to write. */
public final class Checks {

    private Checks() {}

    public static <T> T require(T value, String key) {
        if (value == null) {
            throw new ConfigException(key + " is required.");
        }
        return value;
    }

    /** An immutable copy; null is empty; blank entries are refused. */
    public static List<String> strings(Collection<String> values, String key) {
        if (values == null) {
            return List.of();
        }
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new ConfigException(key + " contains an empty value; remove it.");
            }
        }
        return List.copyOf(values);
    }

    /** An unmodifiable set that keeps the given order (the outputs file lists scopes in that order). */
    public static Set<String> ordered(Collection<String> values) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    public static void oneOf(Collection<String> values, Set<String> allowed, String key) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new ConfigException(key + " contains '" + v + "'; write one of " + new TreeSet<>(allowed) + ".");
            }
        }
    }

    public static String oneOf(String value, Set<String> allowed, String key) {
        if (!allowed.contains(value)) {
            throw new ConfigException(key + " is '" + value + "'; write one of " + new TreeSet<>(allowed) + ".");
        }
        return value;
    }

    public static int range(int value, int min, int max, String key) {
        if (value < min || value > max) {
            throw new ConfigException(key + " is " + value + "; write a whole number from " + min + " to " + max + ".");
        }
        return value;
    }
}
