package dev.fieldgate.local.core;

/** The state directory cannot be read or written, or another process is using it. */
public class LocalStateException extends LocalStackException {

    private static final long serialVersionUID = 1L;

    public LocalStateException(String message) {
        super(message);
    }

    public LocalStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
