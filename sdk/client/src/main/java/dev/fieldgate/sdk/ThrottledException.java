package dev.fieldgate.sdk;

import java.time.Duration;
import java.util.Optional;

/** The service asked the caller to slow down (HTTP 429, {@code TooManyRequestsException}, Cognito limits). */
public class ThrottledException extends FieldgateException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public ThrottledException(
            String message, Throwable cause, int statusCode, String errorType, String requestId, Duration retryAfter) {
        super(message, cause, statusCode, errorType, requestId);
        this.retryAfter = retryAfter;
    }

    /** How long the service asked to wait ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
