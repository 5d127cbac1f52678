package dev.fieldgate.local.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One request the local stack served, as the request log keeps it: when, which service and operation, who called,
 * how it ended and how long it took. It holds no request or response body, no token and no secret.
 *
 * @param sequence     the request's number since the stack started, from 1
 * @param time         when the request arrived
 * @param service      {@code graphql}, {@code cognito-idp}, {@code cognito-identity}, {@code dynamodb}, {@code sts},
 *                     {@code iam}, {@code appsync}, {@code oauth2}, {@code console}, ...
 * @param operation    the AWS operation ({@code SignUp}), the GraphQL operation and its root fields
 *                     ({@code query listPins}), or the method and path
 * @param caller       who called: {@code user alice}, {@code guest us-east-1:…}, {@code admin key}, {@code anonymous}
 * @param status       the HTTP status
 * @param errorType    the error the caller got ({@code Unauthorized}, {@code NotAuthorizedException}), or null
 * @param partial      whether a GraphQL answer had data and errors together
 * @param durationNanos from arrival to the last byte of the answer
 * @param functionLines what the resolver function logged while serving this request
 */
public record RequestRecord(
        long sequence,
        Instant time,
        String service,
        String operation,
        String caller,
        int status,
        String errorType,
        boolean partial,
        long durationNanos,
        List<String> functionLines) {

    public RequestRecord {
        Objects.requireNonNull(time, "time");
        functionLines = List.copyOf(functionLines);
    }

    /** Whether the caller got what it asked for: no error type and a status below 400. */
    public boolean allowed() {
        return errorType == null && status < 400;
    }

    /** {@code allowed}, {@code partial (Unauthorized)} or {@code refused (NotAuthorizedException)}. */
    public String outcome() {
        if (allowed()) {
            return "allowed";
        }
        String type = errorType == null ? "HTTP " + status : errorType;
        return (partial ? "partial: " : "refused: ") + type;
    }

    /** The duration in whole milliseconds, at least 0. */
    public long durationMillis() {
        return durationNanos / 1_000_000;
    }
}
