package dev.fieldgate.resolvers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * One field's result as the envelope carries it, for tests and for callers that hold {@link AppSyncEvent}s:
 * either data (as JSON values: maps, lists, strings, numbers, booleans) or an error.
 */
public final class ResolverResult {

    private final Object data;
    private final AppSyncError error;
    private final ObjectMapper mapper;

    ResolverResult(Object data, AppSyncError error, ObjectMapper mapper) {
        this.data = data;
        this.error = error;
        this.mapper = mapper;
    }

    /** The data as JSON values; {@code null} for an error or a null result. */
    public Object data() {
        return data;
    }

    /** The data bound to a type. */
    public <T> T data(Class<T> type) {
        return data == null ? null : mapper.convertValue(data, type);
    }

    /** The error, or {@code null}. */
    public AppSyncError error() {
        return error;
    }

    public boolean isError() {
        return error != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResolverResult that
                && Objects.equals(data, that.data)
                && Objects.equals(error, that.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(data, error);
    }

    @Override
    public String toString() {
        return error != null
                ? "ResolverResult[error=" + error.errorType() + ": " + error.message() + "]"
                : "ResolverResult[data]";
    }
}
