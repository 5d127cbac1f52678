package dev.fieldgate.sdk;

import java.util.List;

/**
 * The request is wrong and repeating it will not help: a GraphQL document or variables AppSync refuses, a wrong or
 * expired confirmation code, a password the pool's policy refuses, a username that is taken.
 */
public class InvalidRequestException extends FieldgateException {

    private static final long serialVersionUID = 1L;

    private final transient List<GraphQLError> errors;

    public InvalidRequestException(
            String message, String errorType, List<GraphQLError> errors, int statusCode, String requestId) {
        this(message, null, errorType, errors, statusCode, requestId);
    }

    public InvalidRequestException(
            String message,
            Throwable cause,
            String errorType,
            List<GraphQLError> errors,
            int statusCode,
            String requestId) {
        super(message, cause, statusCode, errorType, requestId);
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The GraphQL errors of the response, if it had any. */
    public List<GraphQLError> errors() {
        return errors;
    }
}
