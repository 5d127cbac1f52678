package dev.fieldgate.resolvers.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.resolvers.AppSyncError;
import dev.fieldgate.resolvers.AppSyncEvent;
import dev.fieldgate.resolvers.ErrorTypes;
import dev.fieldgate.resolvers.ExceptionHandler;
import dev.fieldgate.resolvers.InvalidBatchResponseException;
import dev.fieldgate.resolvers.InvalidEventException;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import dev.fieldgate.resolvers.ResolverContext;
import dev.fieldgate.resolvers.ResolverException;
import dev.fieldgate.resolvers.ResolverNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Lambda invocation: reads the event (one field or a BatchInvoke), routes every item to its field's
 * handler, calls it between the field's {@link FieldAuthorizer} checks (before: may the caller; after: may the caller
 * have what it returned), and writes the envelopes. Never throws for a bad event or a failing handler: each becomes
 * an AppSync-shaped error for its field or item.
 */
public final class Dispatcher {

    /** AppSync's largest {@code maxBatchSize}. */
    public static final int MAX_BATCH_SIZE = 2000;

    private static final Logger LOG = LoggerFactory.getLogger("dev.fieldgate.resolvers.AppSyncResolver");

    private final ObjectMapper mapper;
    private final EventReader reader;
    private final EnvelopeWriter writer;
    private final Binder binder;
    private final RoutingTable table;
    /** Runs everything but the handlers, which answer {@code null}: for priming. */
    private final boolean dryRun;

    public Dispatcher(ObjectMapper mapper, RoutingTable table) {
        this(mapper, table, false);
    }

    private Dispatcher(ObjectMapper mapper, RoutingTable table, boolean dryRun) {
        this.mapper = mapper;
        this.reader = new EventReader(mapper);
        this.writer = new EnvelopeWriter(mapper);
        this.binder = new Binder(mapper);
        this.table = table;
        this.dryRun = dryRun;
    }

    /** The same dispatcher, except that no handler runs: every authorized field answers {@code null}. */
    public Dispatcher dryRun() {
        return new Dispatcher(mapper, table, true);
    }

    /** One invocation, bytes in and bytes out; never throws for a bad event or a failing runtime. */
    public byte[] handle(byte[] input, Context context) {
        RequestId requestId = new RequestId(context, dryRun);
        Object parsed = null;
        try {
            parsed = reader.parse(input);
            if (parsed instanceof List<?> items) {
                return writer.batch(batch(items, context, requestId), failure -> unwritable(failure, requestId));
            }
            return writer.single(single(parsed, context, requestId), failure -> unwritable(failure, requestId));
        } catch (InvalidEventException e) {
            LOG.warn("Refused an invocation (request {}): {}", requestId.get(), e.getMessage());
            return writer.single(Outcome.error(e.toError()), failure -> unwritable(failure, requestId));
        } catch (RuntimeException | StackOverflowError unexpected) {
            // Handlers' failures are answered per field; this is the runtime's own, answered in the same shape.
            LOG.error("The invocation failed (request {})", requestId.get(), unexpected);
            Outcome failed = Outcome.error(internal(requestId.get()));
            return parsed instanceof List<?> items && !items.isEmpty()
                    ? writer.batch(Collections.nCopies(items.size(), failed), failure -> failed)
                    : writer.single(failed, failure -> failed);
        }
    }

    /** One parsed event (for callers that hold {@link AppSyncEvent}s, e.g. tests). */
    public Outcome resolve(AppSyncEvent event, Context context) {
        return resolve(event, context, new RequestId(context, dryRun));
    }

    /** A BatchInvoke of parsed events. */
    public List<Outcome> resolveBatch(List<AppSyncEvent> events, Context context) {
        return batch(events, context, new RequestId(context, dryRun));
    }

    private Outcome single(Object json, Context context, RequestId requestId) {
        AppSyncEvent event;
        try {
            event = reader.event(json);
        } catch (InvalidEventException e) {
            LOG.warn("Refused an event (request {}): {}", requestId.get(), e.getMessage());
            return Outcome.error(e.toError());
        }
        return resolve(event, context, requestId);
    }

    private Outcome resolve(AppSyncEvent event, Context context, RequestId requestId) {
        String coordinate = event.info().coordinate();
        FieldAuthorizer authorizer = table.authorizer(coordinate);
        if (authorizer == null) {
            return notFound(event, requestId);
        }
        Invocation invocation;
        try {
            invocation = authorize(authorizer, event, context, requestId);
        } catch (ResolverException e) {
            return Outcome.error(e.toError());
        }
        if (withheld(event)) {
            return Outcome.data(null);
        }
        Route route = table.route(coordinate);
        if (route == null) {
            return notFound(event, requestId);
        }
        if (dryRun) {
            return finish(invocation, authorizer, null);
        }
        try {
            if (route.isAggregate()) {
                List<?> results = route.batch().resolve(List.of(invocation));
                if (results == null || results.size() != 1) {
                    return invalidBatchResponse(route, results, 1);
                }
                return finish(invocation, authorizer, results.get(0));
            }
            return finish(invocation, authorizer, route.single().resolve(invocation));
        } catch (Throwable failure) {
            rethrowFatal(failure);
            return failure(failure, invocation);
        }
    }

    private List<Outcome> batch(List<?> items, Context context, RequestId requestId) {
        if (items.isEmpty()) {
            throw new InvalidEventException("The BatchInvoke has no events: AppSync sends at least one");
        }
        Outcome[] outcomes = new Outcome[items.size()];
        if (items.size() > MAX_BATCH_SIZE) {
            AppSyncError tooMany = oversized(items.size(), MAX_BATCH_SIZE, "AppSync");
            Arrays.fill(outcomes, Outcome.error(tooMany));
            return List.of(outcomes);
        }
        AppSyncEvent[] events = new AppSyncEvent[items.size()];
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < events.length; i++) {
            Object item = items.get(i);
            try {
                events[i] = item instanceof AppSyncEvent event ? event : reader.event(item);
                groups.computeIfAbsent(events[i].info().coordinate(), key -> new ArrayList<>())
                        .add(i);
            } catch (InvalidEventException e) {
                LOG.warn("Refused item {} of a BatchInvoke (request {}): {}", i, requestId.get(), e.getMessage());
                outcomes[i] = Outcome.error(e.toError());
            }
        }
        groups.forEach((coordinate, indexes) -> {
            Integer limit = table.maxBatchSize(coordinate);
            if (limit != null && indexes.size() > limit) {
                AppSyncError tooMany = oversized(indexes.size(), limit, coordinate);
                LOG.warn(
                        "Refused a BatchInvoke of {} items for {} (request {}): maxBatchSize is {}",
                        indexes.size(),
                        coordinate,
                        requestId.get(),
                        limit);
                indexes.forEach(index -> outcomes[index] = Outcome.error(tooMany));
                return;
            }
            Route route = table.route(coordinate);
            FieldAuthorizer authorizer = table.authorizer(coordinate);
            if (route != null && route.isAggregate() && authorizer != null && !dryRun) {
                aggregate(route, authorizer, events, indexes, outcomes, context, requestId);
            } else {
                indexes.forEach(index -> outcomes[index] = resolve(events[index], context, requestId));
            }
        });
        return List.of(outcomes);
    }

    private void aggregate(
            Route route,
            FieldAuthorizer authorizer,
            AppSyncEvent[] events,
            List<Integer> indexes,
            Outcome[] outcomes,
            Context context,
            RequestId requestId) {
        List<Invocation> allowed = new ArrayList<>(indexes.size());
        List<Integer> allowedIndexes = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            try {
                Invocation invocation = authorize(authorizer, events[index], context, requestId);
                if (withheld(events[index])) {
                    outcomes[index] = Outcome.data(null);
                    continue;
                }
                allowed.add(invocation);
                allowedIndexes.add(index);
            } catch (ResolverException e) {
                outcomes[index] = Outcome.error(e.toError());
            }
        }
        if (allowed.isEmpty()) {
            return;
        }
        List<?> results;
        try {
            results = route.batch().resolve(Collections.unmodifiableList(new ArrayList<ResolverContext>(allowed)));
        } catch (Throwable failure) {
            rethrowFatal(failure);
            Outcome outcome = failure(failure, allowed.get(0));
            allowedIndexes.forEach(index -> outcomes[index] = outcome);
            return;
        }
        if (results == null || results.size() != allowed.size()) {
            Outcome outcome = invalidBatchResponse(route, results, allowed.size());
            allowedIndexes.forEach(index -> outcomes[index] = outcome);
            return;
        }
        for (int k = 0; k < allowed.size(); k++) {
            outcomes[allowedIndexes.get(k)] = finishSafely(allowed.get(k), authorizer, results.get(k));
        }
    }

    /** The handler's context, once the field's authorizer let the caller through. */
    private Invocation authorize(FieldAuthorizer authorizer, AppSyncEvent event, Context context, RequestId requestId) {
        return new Invocation(event, authorizer.authorize(event), context, requestId, binder);
    }

    private Outcome finishSafely(Invocation invocation, FieldAuthorizer authorizer, Object result) {
        try {
            return finish(invocation, authorizer, result);
        } catch (RuntimeException failure) {
            return failure(failure, invocation);
        }
    }

    /** A handler's result as an outcome: an {@code AppSyncError} as it is, anything else past the result checks. */
    private Outcome finish(Invocation invocation, FieldAuthorizer authorizer, Object result) {
        if (result instanceof java.util.Optional<?> optional) {
            result = optional.orElse(null);
        }
        if (result instanceof AppSyncError error) {
            return Outcome.error(error);
        }
        Outcome outcome = authorizer.checkResult(invocation.authorization(), result);
        String origin = table.redactions().origin(invocation.event());
        if (origin == null || outcome.failed() || outcome.data() == null) {
            return outcome;
        }
        return Outcome.data(Redactions.mark(outcome.data(), origin, mapper));
    }

    /** A field answered {@code null} because its value would reach subscription listeners who may not read it. */
    private boolean withheld(AppSyncEvent event) {
        Redactions redactions = table.redactions();
        return redactions.withholds(redactions.origin(event), event.info().coordinate());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Outcome failure(Throwable failure, ResolverContext context) {
        ExceptionHandler handler = handlerFor(failure.getClass());
        if (handler != null) {
            try {
                Object mapped = handler.handle(failure, context);
                return mapped instanceof AppSyncError error ? Outcome.error(error) : Outcome.data(mapped);
            } catch (RuntimeException handlerFailure) {
                failure = handlerFailure;
            }
        }
        if (failure instanceof ResolverException resolverException
                && !(failure instanceof ResolverConfigurationException)) {
            return Outcome.error(resolverException.toError());
        }
        String requestId = context.requestId();
        LOG.error("{} failed (request {})", context.event().info().coordinate(), requestId, failure);
        return Outcome.error(internal(requestId));
    }

    private ExceptionHandler<?> handlerFor(Class<?> type) {
        Map<Class<?>, ExceptionHandler<?>> exceptionHandlers = table.exceptionHandlers();
        if (exceptionHandlers.isEmpty()) {
            return null;
        }
        boolean resolverFailure = ResolverException.class.isAssignableFrom(type);
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            ExceptionHandler<?> handler = exceptionHandlers.get(current);
            if (handler != null) {
                return handler;
            }
            // The runtime's own errors are already AppSync-shaped: only handlers registered for them apply.
            if (resolverFailure && current == ResolverException.class) {
                return null;
            }
        }
        return null;
    }

    private Outcome notFound(AppSyncEvent event, RequestId requestId) {
        if (!dryRun) {
            LOG.warn("No resolver for {} (request {})", event.info().coordinate(), requestId.get());
        }
        return Outcome.error(new ResolverNotFoundException(event.typeName(), event.fieldName()).toError());
    }

    private Outcome invalidBatchResponse(Route route, List<?> results, int expected) {
        LOG.error(
                "The batch resolver for {} returned {} for {} items; return one result per item, in order",
                route.coordinate(),
                results == null ? "null" : results.size() + " results",
                expected);
        return Outcome.error(new InvalidBatchResponseException("The batch resolver for " + route.coordinate()
                        + " returned a result that does not match its batch")
                .toError());
    }

    private static AppSyncError oversized(int size, int limit, String what) {
        return new InvalidEventException(
                        "The BatchInvoke has " + size + " events, more than the maxBatchSize " + limit + " of " + what)
                .toError();
    }

    private Outcome unwritable(Exception failure, RequestId requestId) {
        LOG.error("A resolver result could not be written as JSON (request {})", requestId.get(), failure);
        return Outcome.error(internal(requestId.get()));
    }

    static AppSyncError internal(String requestId) {
        return new AppSyncError(
                ErrorTypes.INTERNAL,
                "An internal error occurred; quote request id " + requestId + " when reporting it",
                null,
                Map.of("requestId", requestId));
    }

    private static void rethrowFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError fatal && !(failure instanceof StackOverflowError)) {
            throw fatal;
        }
    }

    /** Lambda's request id, or a random one when the function runs without a Lambda context; made on first use. */
    static final class RequestId implements Supplier<String> {

        private final Context context;
        private String value;

        RequestId(Context context, boolean dryRun) {
            this.context = context;
            // A dry run primes a SnapStart snapshot: no random id may be made (and its generator seeded) there.
            this.value = dryRun ? "priming" : null;
        }

        @Override
        public String get() {
            if (value == null) {
                String fromLambda = context == null ? null : context.getAwsRequestId();
                value = fromLambda != null && !fromLambda.isBlank()
                        ? fromLambda
                        : UUID.randomUUID().toString();
            }
            return value;
        }
    }
}
