package dev.fieldgate.local.core;

/**
 * The root of every unchecked exception the local stack throws: a bad app config, an unusable state directory, a
 * port that is taken. Messages say what to fix and never quote passwords, tokens or keys.
 */
public class LocalStackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
