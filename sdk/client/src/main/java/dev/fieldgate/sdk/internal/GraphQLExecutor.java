package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.NetworkException;
import dev.fieldgate.sdk.OperationType;
import dev.fieldgate.sdk.RequestOverride;
import dev.fieldgate.sdk.RetryPolicy;
import dev.fieldgate.sdk.ServiceException;
import dev.fieldgate.sdk.ThrottledException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs GraphQL operations over HTTP: authorize, send, decode, retry. The blocking and the non-blocking path share
 * everything but the waiting. Thread-safe.
 */
public final class GraphQLExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(GraphQLExecutor.class);
    private static final String CONTENT_TYPE = "application/json";

    /** Headers the JDK client sets itself and refuses from callers; the values it sends are the signed ones. */
    private static final Set<String> RESTRICTED = restricted();

    private final URI endpoint;
    private final String region;
    private final HttpClient http;
    private final GraphQLWire wire;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final AppSyncAuthorizer defaultAuthorizer;
    private final Clock clock;
    private final Executor asyncExecutor;

    public GraphQLExecutor(
            URI endpoint,
            String region,
            HttpClient http,
            GraphQLWire wire,
            RetryPolicy retryPolicy,
            Duration requestTimeout,
            AppSyncAuthorizer defaultAuthorizer,
            Clock clock,
            Executor asyncExecutor) {
        this.endpoint = endpoint;
        this.region = region;
        this.http = http;
        this.wire = wire;
        this.retryPolicy = retryPolicy;
        this.requestTimeout = requestTimeout;
        this.defaultAuthorizer = defaultAuthorizer;
        this.clock = clock;
        this.asyncExecutor = asyncExecutor;
    }

    /** Runs an operation on the calling thread, retrying as the policy allows. */
    public <T> GraphQLResponse<T> execute(GraphQLOperation<T> operation, RequestOverride override) {
        Call<T> call = call(operation, override);
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest request = request(call);
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NetworkException("Interrupted while waiting for AppSync.", e, false);
                } catch (IOException e) {
                    throw networkFailure(e, call.timeout);
                }
                return succeeded(call, response(call, response, attempt), attempt);
            } catch (FieldgateException e) {
                sleep(retryDelay(call, e, attempt));
            }
        }
    }

    /**
     * Runs an operation without blocking: the request is sent with the JDK client's {@code sendAsync} and retries
     * wait on a timer, not on a thread. The future fails with the same {@link FieldgateException} the blocking call
     * throws.
     */
    public <T> CompletableFuture<GraphQLResponse<T>> executeAsync(
            GraphQLOperation<T> operation, RequestOverride override) {
        Call<T> call;
        try {
            call = call(operation, override);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<GraphQLResponse<T>> result = new CompletableFuture<>();
        attemptAsync(call, 1, result);
        return result;
    }

    private <T> void attemptAsync(Call<T> call, int attempt, CompletableFuture<GraphQLResponse<T>> result) {
        if (result.isDone()) {
            return; // cancelled by the caller
        }
        // Authorizing (signing, or a token refresh) runs on the executor, not the caller's thread: it is CPU work
        // for SigV4 and may wait for Cognito.
        var unused = CompletableFuture.supplyAsync(() -> request(call), asyncExecutor)
                .thenCompose(request -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .whenComplete((response, failure) -> {
                    try {
                        if (failure != null) {
                            Throwable cause = unwrap(failure);
                            if (cause instanceof FieldgateException f) {
                                throw f;
                            }
                            if (!(cause instanceof IOException)) {
                                result.completeExceptionally(cause);
                                return;
                            }
                            throw networkFailure(cause, call.timeout);
                        }
                        result.complete(succeeded(call, response(call, response, attempt), attempt));
                    } catch (FieldgateException e) {
                        retryAsync(call, e, attempt, result);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
    }

    private <T> void retryAsync(
            Call<T> call, FieldgateException failure, int attempt, CompletableFuture<GraphQLResponse<T>> result) {
        Duration delay;
        try {
            delay = retryDelay(call, failure, attempt);
        } catch (FieldgateException e) {
            result.completeExceptionally(e);
            return;
        }
        Executor later = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, asyncExecutor);
        later.execute(() -> attemptAsync(call, attempt + 1, result));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** What every attempt of one operation shares. */
    private static final class Call<T> {
        final GraphQLOperation<T> operation;
        final RequestOverride override;
        final AppSyncAuthorizer authorizer;
        final byte[] body;
        final Duration timeout;
        final boolean retryable;
        final int maxAttempts;
        final String label;

        Call(
                GraphQLOperation<T> operation,
                RequestOverride override,
                AppSyncAuthorizer authorizer,
                byte[] body,
                Duration timeout,
                boolean retryable,
                int maxAttempts) {
            this.operation = operation;
            this.override = override;
            this.authorizer = authorizer;
            this.body = body;
            this.timeout = timeout;
            this.retryable = retryable;
            this.maxAttempts = maxAttempts;
            this.label = label(operation);
        }
    }

    private <T> Call<T> call(GraphQLOperation<T> operation, RequestOverride override) {
        if (operation.type() == OperationType.SUBSCRIPTION) {
            throw new IllegalArgumentException("Subscriptions run over the real-time connection; call subscribe(...).");
        }
        AppSyncAuthorizer authorizer = override.authorizer().orElse(defaultAuthorizer);
        if (authorizer == null) {
            throw new FieldgateConfigException("No authorization for this request: give the client a default "
                    + "authorizer (FieldgateClient.builder().authorizer(...)) or pass one per request.");
        }
        boolean retryable = override.idempotent().orElse(operation.type() == OperationType.QUERY);
        return new Call<>(
                operation,
                override,
                authorizer,
                wire.requestBody(operation),
                override.timeout().orElse(requestTimeout),
                retryable,
                retryable ? retryPolicy.maxAttempts() : 1);
    }

    private static <T> GraphQLResponse<T> succeeded(Call<T> call, GraphQLResponse<T> response, int attempt) {
        if (attempt > 1) {
            LOG.debug("{} succeeded on attempt {}", call.label, attempt);
        }
        return response;
    }

    /** How long to wait before the next attempt; rethrows {@code e} when there is none. */
    private Duration retryDelay(Call<?> call, FieldgateException e, int attempt) {
        Duration retryAfter = e instanceof ThrottledException t ? t.retryAfter().orElse(null) : null;
        boolean again = e.retryable()
                && attempt < call.maxAttempts
                && (retryAfter == null || retryAfter.compareTo(retryPolicy.maxRetryAfter()) <= 0);
        if (!again) {
            if (e.retryable() && !call.retryable && call.operation.type() == OperationType.MUTATION) {
                LOG.debug(
                        "{} failed ({}); mutations are not retried unless marked idempotent",
                        call.label,
                        e.getClass().getSimpleName());
            }
            throw e;
        }
        Duration delay = retryPolicy.delayBefore(attempt + 1, retryAfter);
        LOG.debug(
                "{} attempt {} failed ({}, status {}); retrying in {} ms",
                call.label,
                attempt,
                e.getClass().getSimpleName(),
                e.statusCode(),
                delay.toMillis());
        return delay;
    }

    /** The signed HTTP request of one attempt (authorized again each time: signatures and tokens age). */
    private HttpRequest request(Call<?> call) {
        Map<String, String> base = Map.of("Content-Type", CONTENT_TYPE);
        Map<String, String> auth = call.authorizer.authorize(new AppSyncHttpRequest(endpoint, base, call.body, region));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(call.timeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body));
        call.override.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        // Set, not added: header names are case-insensitive, and an extra header never replaces authorization.
        auth.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.setHeader(name, value);
            }
        });
        return request.build();
    }

    private NetworkException networkFailure(Throwable e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return new NetworkException(
                    "Could not connect to " + endpoint + " within the connect timeout; check "
                            + "the endpoint and network, or raise connectTimeout.",
                    e,
                    true);
        }
        if (e instanceof HttpTimeoutException) {
            return new NetworkException(
                    "AppSync did not answer within " + timeout.toMillis() + " ms; raise the "
                            + "request timeout or retry.",
                    e,
                    true);
        }
        if (e instanceof ConnectException) {
            return new NetworkException(
                    "Could not connect to " + endpoint + " (" + e.getMessage() + "); is the "
                            + "endpoint right and reachable?",
                    e,
                    false);
        }
        return new NetworkException("The connection to " + endpoint + " failed: " + e.getMessage(), e, false);
    }

    /** The operation's outcome from AppSync's answer: a response with data, or the exception for its errors. */
    private <T> GraphQLResponse<T> response(Call<T> call, HttpResponse<byte[]> response, int attempt) {
        GraphQLOperation<T> operation = call.operation;
        AppSyncAuthorizer authorizer = call.authorizer;
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElse(null);
        JsonNode root = null;
        IOException parseError = null;
        try {
            root = response.body().length == 0 ? null : wire.readTree(response.body());
        } catch (IOException e) {
            parseError = e;
        }
        int status = response.statusCode();
        if (status != 200) {
            throw ErrorMapper.fromStatus(
                    status,
                    response.headers().firstValue("x-amzn-ErrorType").orElse(null),
                    root,
                    requestId,
                    retryAfter(response),
                    authorizer.mode().name());
        }
        if (root == null || !root.isObject()) {
            throw new ServiceException(
                    "AppSync answered 200 with a body that is not a GraphQL response"
                            + (parseError == null ? "" : " (" + parseError.getMessage() + ")")
                            + "; is the endpoint an AppSync GraphQL URL?",
                    parseError,
                    status,
                    null,
                    requestId,
                    null);
        }
        java.util.List<GraphQLError> errors = GraphQLWire.errors(root);
        JsonNode data = root.get("data");
        String field = operation.resultField().orElse(null);
        JsonNode result = data == null || data.isNull() ? null : field == null ? data : data.get(field);
        if (!errors.isEmpty() && !hasData(result, field == null)) {
            throw ErrorMapper.fromErrors(
                    errors, field, requestId, authorizer.mode().name());
        }
        try {
            T value = wire.decode(result, operation);
            return new GraphQLResponse<>(
                    value, data == null || data.isNull() ? null : data, errors, requestId, attempt);
        } catch (IOException e) {
            throw new ServiceException(
                    "The response's " + (field == null ? "data" : "'" + field + "'")
                            + " does not match " + operation.resultType().getTypeName() + ": " + e.getMessage()
                            + ". Regenerate the client types from the deployed schema.",
                    e,
                    status,
                    null,
                    requestId,
                    errors);
        }
    }

    private static boolean hasData(JsonNode result, boolean wholeData) {
        if (result == null || result.isNull() || result.isMissingNode()) {
            return false;
        }
        if (!wholeData) {
            return true;
        }
        for (Iterator<JsonNode> it = result.elements(); it.hasNext(); ) {
            if (!it.next().isNull()) {
                return true;
            }
        }
        return false;
    }

    private Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private void sleep(Duration delay) {
        try {
            retryPolicy.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("Interrupted while waiting to retry.", e, false);
        }
    }

    private static String label(GraphQLOperation<?> operation) {
        return operation.type().name().toLowerCase(java.util.Locale.ROOT)
                + operation
                        .operationName()
                        .or(operation::resultField)
                        .map(n -> " " + n)
                        .orElse("");
    }

    private static Set<String> restricted() {
        Set<String> names = new TreeSet<>();
        names.add("host");
        names.add("content-length");
        names.add("connection");
        names.add("expect");
        names.add("upgrade");
        return names;
    }
}
