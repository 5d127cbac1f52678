package dev.fieldgate.sdk.storage;

import java.util.Optional;

/**
 * A stored upload.
 *
 * @param key       the object key
 * @param size      the bytes stored
 * @param eTag      S3's entity tag (for a multipart upload, of the parts: {@code "<md5>-<parts>"})
 * @param versionId the object's version, when the bucket keeps versions; otherwise null
 * @param parts     1 for a single request, the number of parts for a multipart upload
 */
public record UploadResult(String key, long size, String eTag, String versionId, int parts) {

    public Optional<String> version() {
        return Optional.ofNullable(versionId);
    }

    /** Whether the object went up in parts. */
    public boolean multipart() {
        return parts > 1 || (eTag != null && eTag.matches("\"?[0-9a-fA-F]+-[0-9]+\"?"));
    }
}
