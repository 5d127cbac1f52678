package dev.fieldgate.local.appsync.internal;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.Node;
import graphql.language.SourceLocation;
import java.util.List;

/**
 * A field error as AppSync writes it: {@code path}, {@code data}, {@code errorType}, {@code errorInfo},
 * {@code locations}, {@code message} — the extra keys at the error's root, not under {@code extensions}.
 */
final class FieldError implements GraphQLError {

    private static final long serialVersionUID = 1L;

    private final List<Object> path;
    private final transient Object data;
    private final String errorType;
    private final transient Object errorInfo;
    private final List<SourceLocation> locations;
    private final String message;

    FieldError(
            List<Object> path,
            Object data,
            String errorType,
            Object errorInfo,
            List<SourceLocation> locations,
            String message) {
        this.path = path;
        this.data = data;
        this.errorType = errorType;
        this.errorInfo = errorInfo;
        this.locations = locations;
        this.message = message;
    }

    static FieldError unauthorized(List<Object> path, List<SourceLocation> locations, String field, String type) {
        return new FieldError(
                path, null, "Unauthorized", null, locations, "Not Authorized to access " + field + " on type " + type);
    }

    /** Where an error about this node points: its location, when the parser recorded one. */
    static List<SourceLocation> locations(Node<?> node) {
        return node.getSourceLocation() == null ? List.of() : List.of(node.getSourceLocation());
    }

    Object data() {
        return data;
    }

    String appSyncErrorType() {
        return errorType;
    }

    Object errorInfo() {
        return errorInfo;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorClassification.errorClassification(errorType == null ? "Error" : errorType);
    }

    @Override
    public String toString() {
        return "FieldError[" + errorType + " at " + path + ": " + message + "]";
    }
}
