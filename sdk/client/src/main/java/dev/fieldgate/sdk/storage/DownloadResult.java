package dev.fieldgate.sdk.storage;

/**
 * A finished download.
 *
 * @param key         the object key
 * @param size        the bytes received
 * @param contentType the object's content type
 * @param eTag        S3's entity tag
 */
public record DownloadResult(String key, long size, String contentType, String eTag) {}
