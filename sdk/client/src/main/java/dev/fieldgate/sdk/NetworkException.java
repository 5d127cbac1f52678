package dev.fieldgate.sdk;

/** No answer from the service: the connection failed, was reset, or a timeout passed. */
public class NetworkException extends FieldgateException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    public NetworkException(String message, Throwable cause, boolean timedOut) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** Whether a connect or request timeout expired (rather than the connection failing). */
    public boolean timedOut() {
        return timedOut;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
