package dev.fieldgate.resolvers.storage;

import java.net.URL;
import java.time.Instant;
import java.util.Objects;

/**
 * A download anyone holding the URL may make until {@link #expiresAt()}: a {@code GET} of {@link #url()}.
 *
 * @param key       the object key
 * @param url       the presigned URL
 * @param expiresAt when S3 stops accepting the URL
 */
public record PresignedDownload(String key, URL url, Instant expiresAt) {

    public PresignedDownload {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "PresignedDownload[key=" + key + ", expiresAt=" + expiresAt + "]";
    }
}
