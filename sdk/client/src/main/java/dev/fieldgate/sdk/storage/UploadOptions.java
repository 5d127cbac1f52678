package dev.fieldgate.sdk.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** How to store one upload: its content type, user metadata and a progress listener. Immutable. */
public final class UploadOptions {

    private static final UploadOptions NONE = builder().build();

    private final String contentType;
    private final Map<String, String> metadata;
    private final TransferListener listener;

    private UploadOptions(Builder b) {
        this.contentType = b.contentType;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        this.listener = b.listener;
    }

    public static UploadOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The content type; empty: guessed from a file's name, else {@code application/octet-stream}. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** User metadata ({@code x-amz-meta-*}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    public Optional<TransferListener> listener() {
        return Optional.ofNullable(listener);
    }

    /** Builds {@link UploadOptions}. */
    public static final class Builder {
        private String contentType;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private TransferListener listener;

        private Builder() {}

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder putMetadata(String name, String value) {
            metadata.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Hears the bytes sent so far. */
        public Builder listener(TransferListener listener) {
            this.listener = listener;
            return this;
        }

        public UploadOptions build() {
            return new UploadOptions(this);
        }
    }
}
