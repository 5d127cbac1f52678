package dev.fieldgate.sdk.storage;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One declared path of a bucket and who may do what under it, as the outputs file lists it under
 * {@code storage.buckets[].paths}.
 *
 * @param pattern       the declared pattern, e.g. {@code public/*} or {@code private/{entity_id}/*}
 * @param guest         what guests may do
 * @param authenticated what every signed-in user may do (for a per-identity path: under anyone's identity)
 * @param owner         what a signed-in user may do under their own identity ({@code entityidentity})
 * @param groups        what the members of a user-pool group may do on top of {@code authenticated}, by group name
 *                      ({@code groups<name>}; for a per-identity path: under any identity), in the file's order
 */
public record PathRule(
        String pattern,
        Set<StorageAccess> guest,
        Set<StorageAccess> authenticated,
        Set<StorageAccess> owner,
        Map<String, Set<StorageAccess>> groups) {

    /** The token the outputs file names the caller's identity id with. */
    public static final String ENTITY_TOKEN = "{entity_id}";

    /** The token {@code fieldgate.json} names it with; accepted here too. */
    public static final String IDENTITY_TOKEN = "{identity}";

    public PathRule {
        Objects.requireNonNull(pattern, "pattern");
        pattern = pattern.replace(IDENTITY_TOKEN, ENTITY_TOKEN);
        if (!pattern.endsWith("/*") || pattern.startsWith("/")) {
            throw new StorageConfigException("The storage path '" + pattern + "' is not a prefix ending in /*"
                    + " (e.g. public/* or private/{entity_id}/*): regenerate the outputs file.");
        }
        guest = freeze(guest);
        authenticated = freeze(authenticated);
        owner = freeze(owner);
        Map<String, Set<StorageAccess>> frozen = new LinkedHashMap<>();
        if (groups != null) {
            groups.forEach((group, access) -> frozen.put(Objects.requireNonNull(group, "group"), freeze(access)));
        }
        groups = Collections.unmodifiableMap(frozen);
    }

    /** A path no user-pool group is granted. */
    public PathRule(
            String pattern, Set<StorageAccess> guest, Set<StorageAccess> authenticated, Set<StorageAccess> owner) {
        this(pattern, guest, authenticated, owner, Map.of());
    }

    /**
     * What a signed-in caller whose credentials carry {@code group}'s role may do under the path (for a
     * per-identity path: under any identity): what every signed-in user may do and the group's own grant; with no
     * group (null), what every signed-in user may do.
     */
    public Set<StorageAccess> forGroup(String group) {
        Set<StorageAccess> own = group == null ? Set.of() : groups.getOrDefault(group, Set.of());
        if (own.isEmpty()) {
            return authenticated;
        }
        Set<StorageAccess> all = EnumSet.noneOf(StorageAccess.class);
        all.addAll(authenticated);
        all.addAll(own);
        return Collections.unmodifiableSet(all);
    }

    private static Set<StorageAccess> freeze(Set<StorageAccess> access) {
        return access == null || access.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(access));
    }

    /** Whether the path has a per-identity segment ({@code {entity_id}}). */
    public boolean perIdentity() {
        return pattern.contains(ENTITY_TOKEN);
    }

    /** The prefix the pattern stands for, without its {@code *}: {@code private/{entity_id}/}. */
    public String prefixPattern() {
        return pattern.substring(0, pattern.length() - 1);
    }

    /** The concrete prefix for one identity ({@code private/us-east-1:…/}); the prefix itself for other paths. */
    public String prefixFor(String identityId) {
        return perIdentity() ? prefixPattern().replace(ENTITY_TOKEN, identityId) : prefixPattern();
    }

    /** Whether {@code key} (an object key or a listing prefix) lies under this path. */
    public boolean holds(String key) {
        return identityIn(key).isPresent() || (!perIdentity() && key.startsWith(prefixPattern()));
    }

    /**
     * The identity segment of {@code key} under a per-identity path ({@code us-east-1:…} for
     * {@code private/us-east-1:…/photo.jpg}); empty for other paths or a key outside this one.
     */
    public Optional<String> identityIn(String key) {
        if (!perIdentity()) {
            return Optional.empty();
        }
        String prefix = prefixPattern();
        int token = prefix.indexOf(ENTITY_TOKEN);
        String before = prefix.substring(0, token);
        String after = prefix.substring(token + ENTITY_TOKEN.length());
        if (!key.startsWith(before)) {
            return Optional.empty();
        }
        int end = after.isEmpty() ? key.length() : key.indexOf(after, before.length());
        if (end <= before.length()) {
            return Optional.empty();
        }
        String identity = key.substring(before.length(), end);
        return identity.contains("/") ? Optional.empty() : Optional.of(identity);
    }

    /** The rule in words, for messages: {@code private/{entity_id}/* (owner: get, list; signed-in users: none)}. */
    public String describe() {
        StringBuilder s = new StringBuilder(pattern).append(" (guests: ").append(words(guest));
        s.append("; signed-in users").append(perIdentity() ? " under any identity: " : ": ");
        s.append(words(authenticated));
        if (perIdentity()) {
            s.append("; the owner under their own identity: ").append(words(owner));
        }
        groups.forEach((group, access) ->
                s.append("; group ").append(group).append(": ").append(words(access)));
        return s.append(")").toString();
    }

    private static String words(Set<StorageAccess> access) {
        if (access.isEmpty()) {
            return "nothing";
        }
        StringBuilder s = new StringBuilder();
        for (StorageAccess a : access) {
            s.append(s.length() == 0 ? "" : ", ").append(a.word());
        }
        return s.toString();
    }
}
