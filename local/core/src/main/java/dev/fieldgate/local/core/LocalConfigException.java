package dev.fieldgate.local.core;

/** The app config (or a config built in code) is invalid; the message names the key and the accepted values. */
public class LocalConfigException extends LocalStackException {

    private static final long serialVersionUID = 1L;

    public LocalConfigException(String message) {
        super(message);
    }

    public LocalConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
