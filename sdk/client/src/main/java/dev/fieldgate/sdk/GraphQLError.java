package dev.fieldgate.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One entry of a GraphQL response's {@code errors}, as AppSync writes it: {@code errorType}, {@code errorInfo} and
 * {@code data} sit next to the standard {@code message}, {@code path} and {@code locations}.
 *
 * @param message   the error message
 * @param errorType AppSync's error type ({@code Unauthorized}, {@code Lambda:Unhandled}, ...), or null
 * @param path      the response path of the failed field: field names and list indexes; empty for request errors
 * @param locations where in the document
 * @param errorInfo {@code errorInfo} from the resolver, or null
 * @param data      {@code data} from the resolver, or null
 */
public record GraphQLError(
        String message,
        String errorType,
        List<Object> path,
        List<Location> locations,
        JsonNode errorInfo,
        JsonNode data) {

    /** A position in the GraphQL document. */
    public record Location(int line, int column) {}

    public GraphQLError {
        path = path == null ? List.of() : List.copyOf(path);
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    /** Whether AppSync refused this field to this caller ({@code Unauthorized} or {@code UnauthorizedException}). */
    public boolean isUnauthorized() {
        return "Unauthorized".equals(errorType) || "UnauthorizedException".equals(errorType);
    }
}
