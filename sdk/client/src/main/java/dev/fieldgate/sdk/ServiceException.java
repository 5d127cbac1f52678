package dev.fieldgate.sdk;

import java.util.List;

/**
 * The service failed: HTTP 5xx, a response that is not AppSync's, or a resolver error that left the operation
 * without data (for example {@code Lambda:Unhandled} or a DynamoDB error type).
 */
public class ServiceException extends FieldgateException {

    private static final long serialVersionUID = 1L;

    private final transient List<GraphQLError> errors;

    public ServiceException(
            String message,
            Throwable cause,
            int statusCode,
            String errorType,
            String requestId,
            List<GraphQLError> errors) {
        super(message, cause, statusCode, errorType, requestId);
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The GraphQL errors of the response, if it had any. */
    public List<GraphQLError> errors() {
        return errors;
    }

    @Override
    public boolean retryable() {
        return statusCode() >= 500;
    }
}
