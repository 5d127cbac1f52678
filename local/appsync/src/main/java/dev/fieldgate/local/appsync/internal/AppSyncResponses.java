package dev.fieldgate.local.appsync.internal;

import graphql.GraphQLError;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AppSync's response shapes: the {@code data}/{@code errors} body, each error in AppSync's wording and key order
 * (which differ from graphql-java's), and the bodies of refused requests over HTTP and on the real-time channel.
 */
final class AppSyncResponses {

    private AppSyncResponses() {}

    /** AppSync's response body: {@code data}, then {@code errors} when there are any. */
    static Map<String, Object> body(Object data, List<GraphQLError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        List<Map<String, Object>> list = errorList(errors);
        if (!list.isEmpty()) {
            body.put("errors", list);
        }
        return body;
    }

    static List<Map<String, Object>> errorList(List<GraphQLError> errors) {
        Set<List<Object>> reported = new HashSet<>();
        for (GraphQLError error : errors) {
            if (!(error instanceof NonNullableFieldWasNullError) && error.getPath() != null) {
                reported.add(error.getPath());
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (GraphQLError error : errors) {
            // A denied or failed non-null field is reported once, by its own error.
            if (error instanceof NonNullableFieldWasNullError && reported.contains(error.getPath())) {
                continue;
            }
            list.add(error(error));
        }
        return list;
    }

    private static Map<String, Object> error(GraphQLError error) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (error instanceof FieldError field) {
            out.put("path", field.getPath());
            out.put("data", field.data());
            out.put("errorType", field.appSyncErrorType());
            out.put("errorInfo", field.errorInfo());
            out.put("locations", locationList(field.getLocations()));
            out.put("message", field.getMessage());
            return out;
        }
        out.put("path", error.getPath());
        out.put("locations", locationList(error.getLocations()));
        if (error instanceof ValidationError validation) {
            // AppSync's (older graphql-java) wording: "Validation error of type X: description @ 'path'".
            String where = validation.getQueryPath() == null
                            || validation.getQueryPath().isEmpty()
                    ? ""
                    : " @ '" + String.join("/", validation.getQueryPath()) + "'";
            String description = validation.getDescription() == null
                    ? ""
                    : validation.getDescription().replaceFirst("^Validation error \\([^)]*\\) ?: ?", "");
            out.put(
                    "message",
                    "Validation error of type " + validation.getValidationErrorType() + ": " + description + where);
        } else if (error instanceof NonNullableFieldWasNullError) {
            out.put("message", nonNullMessage(error));
        } else {
            out.put("message", error.getMessage());
        }
        return out;
    }

    /** graphql-java names both types at the end of its message: "... type is 'T' within parent type 'P'". */
    private static final Pattern NON_NULL_TYPES =
            Pattern.compile("The non-nullable type is '([^']*)'(?: within parent type '([^']*)')?$");

    /**
     * AppSync's wording, e.g. for a subscription field the triggering mutation did not select:
     * {@code Cannot return null for non-nullable type: 'String' within parent 'Note' (/onCreateNote/text)}.
     */
    private static String nonNullMessage(GraphQLError error) {
        Matcher types = NON_NULL_TYPES.matcher(error.getMessage() == null ? "" : error.getMessage());
        boolean found = types.find();
        String type = found ? types.group(1) : "null";
        String parent = found && types.group(2) != null ? types.group(2) : "null";
        return "Cannot return null for non-nullable type: '" + type + "' within parent '" + parent + "' ("
                + pathText(error.getPath()) + ")";
    }

    private static String pathText(List<Object> path) {
        StringBuilder text = new StringBuilder();
        if (path != null) {
            for (Object segment : path) {
                text.append(segment instanceof Integer ? "[" + segment + "]" : "/" + segment);
            }
        }
        return text.toString();
    }

    private static List<Map<String, Object>> locationList(List<SourceLocation> locations) {
        if (locations == null || locations.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (SourceLocation location : locations) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("line", location.getLine());
            entry.put("column", location.getColumn());
            entry.put("sourceName", null);
            list.add(entry);
        }
        return list;
    }

    static Map<String, Object> requestError(AppSyncRequestException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", e.errorType());
        error.put("message", e.getMessage());
        return error;
    }

    /** A refused subscription request on the real-time channel: AppSync adds the HTTP status as {@code errorCode}. */
    static Map<String, Object> realtimeError(AppSyncRequestException e) {
        Map<String, Object> error = requestError(e);
        error.put("errorCode", e.status());
        return error;
    }

    /** AppSync's body for a refused request: {@code {"errors": [{"errorType": ..., "message": ...}]}}. */
    static Map<String, Object> requestErrorBody(AppSyncRequestException e) {
        return Map.of("errors", List.of(requestError(e)));
    }
}
