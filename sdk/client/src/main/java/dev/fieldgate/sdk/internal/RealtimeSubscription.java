package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.NetworkException;
import dev.fieldgate.sdk.ServiceException;
import dev.fieldgate.sdk.Subscription;
import dev.fieldgate.sdk.SubscriptionListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription as its caller sees it: whether it is active and acknowledged, and its listener, told everything
 * in order on the client's single delivery thread so that a slow listener never holds up the connection. It survives
 * reconnections; only {@link #completed()} and {@link #fail} end it.
 */
final class RealtimeSubscription<T> implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSubscription.class);

    private final String id;
    private final GraphQLOperation<T> operation;
    private final SubscriptionListener<T> listener;
    private final AppSyncAuthorizer authorizer;
    private final GraphQLWire wire;
    private final Executor delivery;
    private final Consumer<RealtimeSubscription<?>> stopper;
    private final CompletableFuture<Void> firstStart = new CompletableFuture<>();
    private volatile boolean acknowledged;
    private volatile boolean active = true;
    private volatile ScheduledFuture<?> startTimer;

    /**
     * @param delivery runs listener calls, one at a time
     * @param stopper  tells the client the caller closed the subscription
     */
    RealtimeSubscription(
            String id,
            GraphQLOperation<T> operation,
            SubscriptionListener<T> listener,
            AppSyncAuthorizer authorizer,
            GraphQLWire wire,
            Executor delivery,
            Consumer<RealtimeSubscription<?>> stopper) {
        this.id = id;
        this.operation = operation;
        this.listener = listener;
        this.authorizer = authorizer;
        this.wire = wire;
        this.delivery = delivery;
        this.stopper = stopper;
    }

    GraphQLOperation<T> operation() {
        return operation;
    }

    AppSyncAuthorizer authorizer() {
        return authorizer;
    }

    /** Whether AppSync acknowledged the subscription on the current connection. */
    boolean isAcknowledged() {
        return acknowledged;
    }

    /** The timer that fails the subscription if AppSync does not acknowledge its {@code start}. */
    void startTimer(ScheduledFuture<?> timer) {
        startTimer = timer;
    }

    void started() {
        acknowledged = true;
        ScheduledFuture<?> timer = startTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        deliver(() -> {
            listener.onStarted();
            firstStart.complete(null);
        });
    }

    void interrupted(FieldgateException cause) {
        acknowledged = false;
        deliver(() -> listener.onInterrupted(cause));
    }

    void event(JsonNode payload) {
        List<GraphQLError> errors = GraphQLWire.errors(payload);
        JsonNode data = payload.get("data");
        String field = operation.resultField().orElse(null);
        JsonNode result = data == null || data.isNull() ? null : field == null ? data : data.get(field);
        deliver(() -> {
            T value;
            try {
                value = wire.decode(result, operation);
            } catch (IOException e) {
                listener.onError(new ServiceException(
                        "A subscription event does not match "
                                + operation.resultType().getTypeName() + ": " + e.getMessage(),
                        e,
                        0,
                        null,
                        null,
                        errors));
                return;
            }
            listener.onEvent(new GraphQLResponse<>(value, data, errors, null, 1));
        });
    }

    void completed() {
        if (!active) {
            return;
        }
        active = false;
        deliver(() -> {
            firstStart.completeExceptionally(
                    new NetworkException("The subscription ended before it started.", null, false));
            listener.onComplete();
        });
    }

    void fail(FieldgateException error) {
        if (!active) {
            return;
        }
        active = false;
        ScheduledFuture<?> timer = startTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        deliver(() -> {
            firstStart.completeExceptionally(error);
            listener.onError(error);
        });
    }

    private void deliver(Runnable task) {
        try {
            delivery.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("a subscription listener threw {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("client closed; event dropped");
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void awaitStarted(Duration timeout) {
        try {
            firstStart.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NetworkException(
                    "The subscription was not acknowledged within " + timeout.toMillis() + " ms.", e, true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FieldgateException f) {
                throw f;
            }
            throw new NetworkException("The subscription failed: " + e.getCause(), e.getCause(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("Interrupted while waiting for the subscription.", e, false);
        }
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void close() {
        if (active) {
            stopper.accept(this);
            completed();
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + id + ", " + operation + "]";
    }
}
