package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.InvalidRequestException;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthenticatedException.Reason;
import dev.fieldgate.sdk.NotAuthorizedException;
import dev.fieldgate.sdk.ServiceException;
import dev.fieldgate.sdk.ThrottledException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns AppSync's answers into the SDK's exceptions, with messages that say what to do. */
public final class ErrorMapper {

    private static final Set<String> VALIDATION_TYPES = Set.of(
            "ValidationError",
            "Validation",
            "BadRequestException",
            "MalformedHttpRequestException",
            "InvalidSyntax",
            "ValidationException");

    private ErrorMapper() {}

    /** An HTTP answer other than 200. {@code root} is the parsed body, or null if it was not JSON. */
    public static FieldgateException fromStatus(
            int status, String headerErrorType, JsonNode root, String requestId, Duration retryAfter, String authMode) {
        List<GraphQLError> errors = GraphQLWire.errors(root);
        String errorType = firstNonBlank(
                errors.isEmpty() ? null : errors.get(0).errorType(),
                root == null ? null : sanitize(text(root, "__type")),
                sanitize(headerErrorType));
        String message = firstNonBlank(
                errors.isEmpty() ? null : errors.get(0).message(),
                root == null ? null : text(root, "message"),
                root == null ? null : text(root, "Message"),
                "HTTP " + status);
        if (status == 429 || "TooManyRequestsException".equals(errorType) || "ThrottlingException".equals(errorType)) {
            return new ThrottledException(
                    "AppSync is throttling requests (" + message + "); slow down and retry"
                            + (retryAfter == null ? " later." : " after " + retryAfter.toSeconds() + " s."),
                    null,
                    status,
                    errorType,
                    requestId,
                    retryAfter);
        }
        if (status == 401 || status == 403) {
            if ("Permission denied".equalsIgnoreCase(message)
                    || "AccessDeniedException".equals(errorType)
                    || "ForbiddenException".equals(errorType)) {
                return new NotAuthorizedException(
                        "AppSync refused the request: " + message + " (" + errorType
                                + "). The caller is known but its " + authMode + " permissions do not cover this "
                                + "operation; for IAM, grant appsync:GraphQL on the fields it selects.",
                        errorType,
                        List.of(),
                        errors,
                        status,
                        requestId);
            }
            Reason reason = reason(errorType, message);
            return new NotAuthenticatedException(
                    reason,
                    "AppSync did not accept the " + authMode
                            + " authorization: " + message + " (" + errorType + ", HTTP " + status + "). "
                            + advice(reason),
                    null,
                    status,
                    errorType,
                    requestId);
        }
        if (status >= 400 && status < 500) {
            return new InvalidRequestException(
                    "AppSync refused the request as invalid: " + message + " (" + errorType + ", HTTP " + status
                            + "). Fix the document or variables; retrying will not help.",
                    errorType,
                    errors,
                    status,
                    requestId);
        }
        return new ServiceException(
                "AppSync failed: " + message + " (" + (errorType == null ? "no error type" : errorType) + ", HTTP "
                        + status + "). Retry later; if it persists, quote request id " + requestId
                        + ".",
                null,
                status,
                errorType,
                requestId,
                errors);
    }

    /** A 200 answer whose operation produced no data: the errors explain why. */
    public static FieldgateException fromErrors(
            List<GraphQLError> errors, String resultField, String requestId, String authMode) {
        GraphQLError main = errors.stream()
                .filter(e -> resultField != null
                        && !e.path().isEmpty()
                        && resultField.equals(e.path().get(0)))
                .findFirst()
                .orElse(errors.get(0));
        String where = main.path().isEmpty() ? "" : " at " + main.path();
        if (main.isUnauthorized()) {
            return new NotAuthorizedException(
                    main.message() + " (" + main.errorType() + where + "). The caller ("
                            + authMode
                            + ") may not do this; sign in as a user the schema's rules allow, or use another "
                            + "authorization mode.",
                    main.errorType(),
                    main.path(),
                    errors,
                    200,
                    requestId);
        }
        if (main.errorType() == null || VALIDATION_TYPES.contains(main.errorType())) {
            return new InvalidRequestException(
                    "AppSync refused the operation: " + sentence(main.message() + where)
                            + " Fix the document or variables; retrying will not help.",
                    main.errorType(),
                    errors,
                    200,
                    requestId);
        }
        return new ServiceException(
                "The operation failed: " + main.message() + " (" + main.errorType() + where
                        + "). This comes from the resolver; see its logs (request id " + requestId + ").",
                null,
                200,
                main.errorType(),
                requestId,
                errors);
    }

    /** Ends a message with exactly one period. */
    private static String sentence(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    private static Reason reason(String errorType, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if ("InvalidSignatureException".equals(errorType) || m.contains("signature")) {
            return Reason.INVALID_SIGNATURE;
        }
        if ("UnrecognizedClientException".equals(errorType) || m.contains("security token")) {
            return Reason.UNRECOGNIZED_CREDENTIALS;
        }
        if ("IncompleteSignatureException".equals(errorType)
                || "MissingAuthenticationTokenException".equals(errorType)
                || m.contains("authorization header")) {
            return Reason.MISSING_AUTHORIZATION;
        }
        if (m.contains("jwt") || m.contains("token")) {
            return Reason.INVALID_TOKEN;
        }
        return Reason.OTHER;
    }

    private static String advice(Reason reason) {
        return switch (reason) {
            case INVALID_SIGNATURE ->
                "Check the machine's clock (signatures are valid for 5 minutes) and that the "
                        + "credentials' region matches the API's.";
            case UNRECOGNIZED_CREDENTIALS -> "The credentials are unknown or expired; obtain new ones.";
            case MISSING_AUTHORIZATION ->
                "Send authorization in a mode the API accepts (see data.authorization_types" + " in the outputs file).";
            case INVALID_TOKEN -> "Sign in again to get a fresh token from the API's user pool.";
            default -> "Check the credentials and the API's authorization modes.";
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** AWS error codes may come as {@code prefix#Code:suffix}; keep the code. */
    static String sanitize(String type) {
        if (type == null) {
            return null;
        }
        String t = type;
        int hash = t.lastIndexOf('#');
        if (hash >= 0) {
            t = t.substring(hash + 1);
        }
        int colon = t.indexOf(':');
        if (colon >= 0) {
            t = t.substring(0, colon);
        }
        return t.isBlank() ? null : t.trim();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
