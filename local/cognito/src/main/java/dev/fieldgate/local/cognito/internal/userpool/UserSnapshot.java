package dev.fieldgate.local.cognito.internal.userpool;

import java.util.List;
import java.util.Map;

/** A consistent copy of a user for building API responses outside the lock. */
record UserSnapshot(
        String username,
        String sub,
        List<Map.Entry<String, String>> attributes,
        UserStatus status,
        boolean enabled,
        long createdMillis,
        long modifiedMillis) {

    String attribute(String name) {
        return attributes.stream()
                .filter(a -> a.getKey().equals(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
