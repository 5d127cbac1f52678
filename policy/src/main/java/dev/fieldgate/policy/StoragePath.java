package dev.fieldgate.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One declared path of a bucket and who may do what under it.
 *
 * @param pattern       as declared, e.g. {@code public/*} or {@code private/{identity}/*}
 * @param guest         what guests may do
 * @param authenticated what every signed-in user may do (for an {@code {identity}} path: under anyone's identity)
 * @param owner         what a signed-in user may do under their own identity ({@code {identity}} paths only)
 * @param groups        what the members of a user-pool group may do on top of {@code authenticated}, by group name
 *                      (for an {@code {identity}} path: under anyone's identity), in declaration order
 */
public record StoragePath(
        String pattern,
        Set<StoragePermission> guest,
        Set<StoragePermission> authenticated,
        Set<StoragePermission> owner,
        Map<String, Set<StoragePermission>> groups) {

    /** The token a path names the caller's identity id with. */
    public static final String IDENTITY_TOKEN = "{identity}";

    /** The IAM policy variable the identity token becomes in a grant. */
    public static final String IDENTITY_VARIABLE = "${cognito-identity.amazonaws.com:sub}";

    /** The token Amplify's outputs file uses for the same thing. */
    public static final String AMPLIFY_ENTITY_TOKEN = "{entity_id}";

    public StoragePath {
        Objects.requireNonNull(pattern, "pattern");
        guest = freeze(guest);
        authenticated = freeze(authenticated);
        owner = freeze(owner);
        Map<String, Set<StoragePermission>> frozen = new LinkedHashMap<>();
        if (groups != null) {
            groups.forEach((group, permissions) -> frozen.put(Objects.requireNonNull(group), freeze(permissions)));
        }
        groups = Collections.unmodifiableMap(frozen);
    }

    /** A path without group grants. */
    public StoragePath(
            String pattern,
            Set<StoragePermission> guest,
            Set<StoragePermission> authenticated,
            Set<StoragePermission> owner) {
        this(pattern, guest, authenticated, owner, Map.of());
    }

    /**
     * What a member of {@code group} may do under the path with the group's role: what every signed-in user may do
     * and the group's own grant (a member loses nothing by being in the group).
     */
    public Set<StoragePermission> forGroup(String group) {
        Set<StoragePermission> all = EnumSet.noneOf(StoragePermission.class);
        all.addAll(authenticated);
        all.addAll(groups.getOrDefault(group, Set.of()));
        return all.isEmpty() ? Set.of() : Collections.unmodifiableSet(all);
    }

    private static Set<StoragePermission> freeze(Set<StoragePermission> permissions) {
        return permissions == null || permissions.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    /** Whether the path has a per-identity segment. */
    public boolean perIdentity() {
        return pattern.contains(IDENTITY_TOKEN);
    }

    /** The object pattern with the identity as an IAM policy variable, for the owner's grant. */
    public String ownerPattern() {
        return pattern.replace(IDENTITY_TOKEN, IDENTITY_VARIABLE);
    }

    /** The object pattern with any identity, for grants to every signed-in user or guest. */
    public String anyIdentityPattern() {
        return pattern.replace(IDENTITY_TOKEN, "*");
    }

    /** The prefix the path stands for, without the trailing {@code *}: {@code private/{identity}/}. */
    public String prefix() {
        return pattern.substring(0, pattern.length() - 1);
    }

    /** The pattern with one identity filled in: {@code private/us-east-1:…/*}. */
    public String forIdentity(String identityId) {
        return pattern.replace(IDENTITY_TOKEN, identityId);
    }

    /** What a role gets from this path, per pattern (owner grants use the policy variable). */
    Set<StoragePermission> permissions(StorageRole role) {
        return role == StorageRole.GUEST ? guest : authenticated;
    }
}
