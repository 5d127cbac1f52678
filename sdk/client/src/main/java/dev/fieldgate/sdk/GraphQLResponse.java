package dev.fieldgate.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an operation that produced data. With AppSync a response can hold data <em>and</em> errors: a
 * field the caller may not read becomes null with an {@code Unauthorized} error while the rest is returned. Such
 * partial results are kept here, not thrown away; check {@link #hasErrors()}.
 *
 * @param <T> the operation's result type
 */
public final class GraphQLResponse<T> {

    private final T data;
    private final JsonNode rawData;
    private final List<GraphQLError> errors;
    private final String requestId;
    private final int attempts;

    public GraphQLResponse(T data, JsonNode rawData, List<GraphQLError> errors, String requestId, int attempts) {
        this.data = data;
        this.rawData = rawData;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.requestId = requestId;
        this.attempts = attempts;
    }

    /** The decoded result field (or, for raw operations, the whole {@code data} object); may be null. */
    public T data() {
        return data;
    }

    /** The response's {@code data} object as a tree, for fields the typed result does not cover. */
    public JsonNode rawData() {
        return rawData;
    }

    /** The GraphQL errors that came with the data (e.g. fields this caller may not read). */
    public List<GraphQLError> errors() {
        return errors;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors at or below a response path, e.g. {@code errorsAt("getPin", "ownerContact")}. */
    public List<GraphQLError> errorsAt(Object... path) {
        List<Object> prefix = List.of(path);
        return errors.stream()
                .filter(e -> e.path().size() >= prefix.size()
                        && e.path().subList(0, prefix.size()).equals(prefix))
                .toList();
    }

    /** The data, or an exception if any error came with it (for callers that do not accept partial results). */
    public T dataOrThrow() {
        if (errors.isEmpty()) {
            return data;
        }
        GraphQLError first = errors.get(0);
        if (first.isUnauthorized()) {
            throw new NotAuthorizedException(
                    first.message() + " (the response also had data; read it with data())",
                    first.errorType(),
                    first.path(),
                    errors,
                    200,
                    requestId);
        }
        throw new ServiceException(
                "The response had " + errors.size() + " error(s), first: " + first.message(),
                null,
                200,
                first.errorType(),
                requestId,
                errors);
    }

    /** AppSync's request id ({@code x-amzn-RequestId}), if it sent one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** How many HTTP attempts it took (1 unless retried). */
    public int attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return "GraphQLResponse[data="
                + (data == null ? "null" : data.getClass().getSimpleName()) + ", errors=" + errors.size()
                + ", attempts=" + attempts + ", requestId=" + requestId + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphQLResponse<?> other
                && Objects.equals(rawData, other.rawData)
                && errors.equals(other.errors)
                && Objects.equals(requestId, other.requestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rawData, errors, requestId);
    }
}
