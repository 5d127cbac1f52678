package dev.fieldgate.policy;

/** The identity pool role a storage grant goes to. */
public enum StorageRole {
    /** The unauthenticated role: guests. */
    GUEST,
    /** The authenticated role: every signed-in user, and each one's own {@code {identity}} paths. */
    AUTHENTICATED
}
