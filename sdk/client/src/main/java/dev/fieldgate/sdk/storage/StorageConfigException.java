package dev.fieldgate.sdk.storage;

import dev.fieldgate.sdk.FieldgateConfigException;

/** The storage configuration is missing or wrong: no {@code storage} section, an unknown bucket, a bad path. */
public class StorageConfigException extends FieldgateConfigException {

    private static final long serialVersionUID = 1L;

    public StorageConfigException(String message) {
        super(message);
    }

    public StorageConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
