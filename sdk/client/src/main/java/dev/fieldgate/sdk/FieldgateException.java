package dev.fieldgate.sdk;

import java.util.Optional;

/**
 * The root of every exception the SDK throws. It is unchecked; catch a subclass to react to one kind of failure:
 *
 * <ul>
 *   <li>{@link NotAuthenticatedException}: the caller could not be identified (HTTP 401/403, wrong password,
 *       expired session) — sign in again or fix the credentials;</li>
 *   <li>{@link NotAuthorizedException}: the caller is known but may not do this (AppSync's {@code Unauthorized});</li>
 *   <li>{@link InvalidRequestException}: the request itself is wrong (GraphQL validation, a wrong code, a weak
 *       password);</li>
 *   <li>{@link ThrottledException}: too many requests; retry later;</li>
 *   <li>{@link ServiceException}: the service failed (HTTP 5xx, a resolver error);</li>
 *   <li>{@link NetworkException}: no answer (connection refused, timeout);</li>
 *   <li>{@link FieldgateConfigException}: the client's configuration is incomplete or wrong.</li>
 * </ul>
 *
 * Messages say what to do next. They never contain tokens, passwords, secrets or signatures.
 */
public class FieldgateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorType;
    private final String requestId;

    public FieldgateException(String message) {
        this(message, null, 0, null, null);
    }

    public FieldgateException(String message, Throwable cause) {
        this(message, cause, 0, null, null);
    }

    protected FieldgateException(String message, Throwable cause, int statusCode, String errorType, String requestId) {
        super(message, cause);
        this.statusCode = statusCode;
        this.errorType = errorType;
        this.requestId = requestId;
    }

    /** The HTTP status of the failed call, or 0 when there was none (network failure, client-side check). */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The service's name for the error: AppSync's {@code errorType} ({@code Unauthorized},
     * {@code UnauthorizedException}, ...) or Cognito's error code ({@code CodeMismatchException}, ...).
     */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** The service's request id ({@code x-amzn-RequestId}), to quote when asking AWS support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether repeating the same call later may succeed. */
    public boolean retryable() {
        return false;
    }
}
