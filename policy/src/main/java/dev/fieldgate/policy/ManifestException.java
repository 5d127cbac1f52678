package dev.fieldgate.policy;

/** A manifest could not be read: not JSON, a format version this reader does not know, or a missing part. */
public class ManifestException extends PolicyException {

    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
