package dev.fieldgate.sdk.storage;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A concrete prefix under one declared path: {@code public/}, or {@code private/<identity id>/} for one identity.
 * Build keys from it ({@link #key(String)}) instead of writing prefixes by hand; a {@link StorageClient} hands out
 * the caller's own paths ({@link StorageClient#privatePath()}, {@link StorageClient#protectedPath()}) from the
 * declared patterns and the caller's identity id.
 *
 * <pre>{@code
 * String key = storage.privatePath().key("notes/2026/receipt.pdf");   // private/us-east-1:…/notes/2026/receipt.pdf
 * storage.list(StoragePath.protectedFor(friendsIdentityId));          // reading another identity's protected files
 * }</pre>
 *
 * Immutable.
 */
public final class StoragePath {

    /** A Cognito identity id: {@code <region>:<id>}. */
    private static final Pattern IDENTITY_ID = Pattern.compile("[A-Za-z0-9-]{1,50}:[A-Za-z0-9-]{1,100}");

    private static final int MAX_KEY_BYTES = 1024;

    private final String pattern;
    private final String identityId;
    private final String prefix;

    private StoragePath(String pattern, String identityId) {
        String normalized =
                Objects.requireNonNull(pattern, "pattern").replace(PathRule.IDENTITY_TOKEN, PathRule.ENTITY_TOKEN);
        if (!normalized.endsWith("/*") || normalized.startsWith("/") || normalized.length() < 3) {
            throw new IllegalArgumentException("'" + pattern + "' is not a declared path pattern: write a prefix"
                    + " ending in /*, e.g. public/* or private/{entity_id}/*.");
        }
        boolean perIdentity = normalized.contains(PathRule.ENTITY_TOKEN);
        if (perIdentity && identityId == null) {
            throw new IllegalArgumentException("'" + pattern + "' is a per-identity path: give the identity id,"
                    + " or ask the StorageClient for the caller's own (privatePath(), protectedPath()).");
        }
        if (!perIdentity && identityId != null) {
            throw new IllegalArgumentException("'" + pattern + "' has no {entity_id} to fill in.");
        }
        if (identityId != null && !IDENTITY_ID.matcher(identityId).matches()) {
            throw new IllegalArgumentException("'" + identityId + "' is not a Cognito identity id"
                    + " (<region>:<id>, e.g. us-east-1:0f3a…): take it from the identity pool, never from a user.");
        }
        this.pattern = normalized;
        this.identityId = identityId;
        String base = normalized.substring(0, normalized.length() - 1);
        this.prefix = identityId == null ? base : base.replace(PathRule.ENTITY_TOKEN, identityId);
    }

    /** Amplify's public path, {@code public/}: guests read, signed-in users usually write. */
    public static StoragePath publicPath() {
        return new StoragePath("public/*", null);
    }

    /** Amplify's private path of one identity, {@code private/<identityId>/}: its owner's alone. */
    public static StoragePath privateFor(String identityId) {
        return new StoragePath("private/{entity_id}/*", Objects.requireNonNull(identityId, "identityId"));
    }

    /** Amplify's protected path of one identity, {@code protected/<identityId>/}: its owner writes, others read. */
    public static StoragePath protectedFor(String identityId) {
        return new StoragePath("protected/{entity_id}/*", Objects.requireNonNull(identityId, "identityId"));
    }

    /** A declared path without an identity segment, e.g. {@code media/*}. */
    public static StoragePath of(String pattern) {
        return new StoragePath(pattern, null);
    }

    /** A declared per-identity path for one identity, e.g. {@code ("uploads/{entity_id}/*", id)}. */
    public static StoragePath of(String pattern, String identityId) {
        return new StoragePath(pattern, Objects.requireNonNull(identityId, "identityId"));
    }

    /** The declared pattern, with {@code {entity_id}} for the identity: {@code private/{entity_id}/*}. */
    public String pattern() {
        return pattern;
    }

    /** The identity filled in, for a per-identity path. */
    public Optional<String> identityId() {
        return Optional.ofNullable(identityId);
    }

    /** The concrete prefix, ending in {@code /}: {@code private/us-east-1:…/}. Listing uses it as is. */
    public String prefix() {
        return prefix;
    }

    /**
     * The object key for {@code name} under this path: the prefix followed by {@code name}, which may have folders
     * of its own ({@code 2026/receipt.pdf}) but cannot climb out of the path.
     *
     * @throws IllegalArgumentException for an empty name, a leading {@code /}, an empty, {@code .} or {@code ..}
     *                                  segment, a control character, or a key longer than S3's 1,024 bytes
     */
    public String key(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.startsWith("/")) {
            throw new IllegalArgumentException("An object name is relative to its path and not empty: write"
                    + " photos/cat.jpg, not '" + name + "'.");
        }
        String[] segments = name.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean folderMarker = segment.isEmpty() && i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..") || (segment.isEmpty() && !folderMarker)) {
                throw new IllegalArgumentException("'" + name + "' has an empty, . or .. segment; name the object"
                        + " by its own folders under " + prefix + " only.");
            }
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("An object name cannot hold control characters.");
            }
        }
        String key = prefix + name;
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("The key under " + prefix + " is longer than S3's 1,024 bytes.");
        }
        return key;
    }

    /** Whether {@code key} lies under this path. */
    public boolean holds(String key) {
        return key.startsWith(prefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoragePath other
                && pattern.equals(other.pattern)
                && Objects.equals(identityId, other.identityId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern, identityId);
    }

    @Override
    public String toString() {
        return prefix;
    }
}
