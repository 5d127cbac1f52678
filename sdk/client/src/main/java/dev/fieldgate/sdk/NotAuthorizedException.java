package dev.fieldgate.sdk;

import java.util.List;

/**
 * The caller is known but not allowed: AppSync's {@code Unauthorized} field error ("Not Authorized to access
 * deletePin on type Mutation"), or a 401 {@code UnauthorizedException} "Permission denied" when an IAM role lacks
 * {@code appsync:GraphQL} on the field. {@link #path()} names the field that was refused.
 */
public class NotAuthorizedException extends FieldgateException {

    private static final long serialVersionUID = 1L;

    private final transient List<Object> path;
    private final transient List<GraphQLError> errors;

    public NotAuthorizedException(
            String message,
            String errorType,
            List<Object> path,
            List<GraphQLError> errors,
            int statusCode,
            String requestId) {
        super(message, null, statusCode, errorType, requestId);
        this.path = path == null ? List.of() : List.copyOf(path);
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The response path of the refused field ({@code ["deletePin"]}); empty for a request-level refusal. */
    public List<Object> path() {
        return path;
    }

    /** Every GraphQL error of the response. */
    public List<GraphQLError> errors() {
        return errors;
    }
}
