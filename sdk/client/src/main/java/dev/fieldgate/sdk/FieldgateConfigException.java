package dev.fieldgate.sdk;

/** The configuration is incomplete or wrong: a missing or malformed outputs file, a missing setting. */
public class FieldgateConfigException extends FieldgateException {

    private static final long serialVersionUID = 1L;

    public FieldgateConfigException(String message) {
        super(message);
    }

    public FieldgateConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
