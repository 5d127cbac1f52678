package dev.fieldgate.resolvers;

import dev.fieldgate.resolvers.internal.Immutables;
import java.util.Map;
import java.util.Objects;

/**
 * A field's error as the client will see it. A handler or an exception handler may return one instead of data
 * (a batch resolver may return one per failed item); it becomes the envelope
 * {@code {data, errorType, errorMessage, errorInfo}} that the response template turns into AppSync's error.
 *
 * @param errorType the error's type, e.g. {@link ErrorTypes#NOT_FOUND}
 * @param message   the client-facing message
 * @param data      partial data to return with the error, or {@code null}
 * @param errorInfo structured detail for the client, or {@code null}
 */
public record AppSyncError(String errorType, String message, Object data, Map<String, Object> errorInfo) {

    public AppSyncError {
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(message, "message");
        errorInfo = errorInfo == null ? null : Immutables.map(errorInfo);
    }

    public static AppSyncError of(String errorType, String message) {
        return new AppSyncError(errorType, message, null, null);
    }

    /** AppSync's denial for a field: {@code Not Authorized to access <field> on type <Type>}. */
    public static AppSyncError unauthorized(String typeName, String fieldName) {
        return of(ErrorTypes.UNAUTHORIZED, UnauthorizedException.message(typeName, fieldName));
    }
}
