package dev.fieldgate.resolvers.storage;

import java.net.URL;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An upload the caller may make once, without credentials: {@code PUT} the file's bytes to {@link #url()} with
 * exactly {@link #headers()} before {@link #expiresAt()}. S3 refuses any other key, content type or size.
 *
 * @param key       the object key the upload will have (the resolver stores it with the record it belongs to)
 * @param url       the presigned URL
 * @param headers   the headers the {@code PUT} must carry as signed ({@code content-type}, {@code content-length})
 * @param expiresAt when S3 stops accepting the URL
 */
public record PresignedUpload(String key, URL url, Map<String, String> headers, Instant expiresAt) {

    public PresignedUpload {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Always {@code PUT}. */
    public String method() {
        return "PUT";
    }

    @Override
    public String toString() {
        // The URL's query is a credential until it expires: never in logs.
        return "PresignedUpload[key=" + key + ", expiresAt=" + expiresAt + "]";
    }
}
