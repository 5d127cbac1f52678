package dev.fieldgate.sdk.storage;

import dev.fieldgate.sdk.FieldgateException;

/** The object (or the multipart upload) does not exist: S3's {@code NoSuchKey} or {@code NoSuchUpload}. */
public class ObjectNotFoundException extends FieldgateException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ObjectNotFoundException(String message, Throwable cause, String key, String errorType, String requestId) {
        super(message, cause, 404, errorType, requestId);
        this.key = key;
    }

    /** The object key that was not found. */
    public String key() {
        return key;
    }
}
