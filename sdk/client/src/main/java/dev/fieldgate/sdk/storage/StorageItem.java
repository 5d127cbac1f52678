package dev.fieldgate.sdk.storage;

import java.time.Instant;

/**
 * One listed object.
 *
 * @param key          the full object key
 * @param size         its size in bytes
 * @param lastModified when it was stored
 * @param eTag         S3's entity tag
 */
public record StorageItem(String key, long size, Instant lastModified, String eTag) {

    /** The key relative to {@code path}: {@code photos/cat.jpg} for {@code private/<id>/photos/cat.jpg}. */
    public String nameUnder(StoragePath path) {
        return path.holds(key) ? key.substring(path.prefix().length()) : key;
    }
}
