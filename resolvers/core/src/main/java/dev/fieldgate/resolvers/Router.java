package dev.fieldgate.resolvers;

import dev.fieldgate.resolvers.internal.Route;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where handlers are registered by {@code Type.field}, in the style of Powertools' AppSync event handler: single
 * resolvers, batch resolvers, exception handlers, and routers included into one another so each feature can keep
 * its own. Hand the routers to {@link AppSyncResolver.Builder#include(Router)}; the resolver it builds is immutable.
 *
 * <pre>{@code
 * Router pins = Router.create()
 *     .query("getPin", GetPin.class, (args, ctx) -> store.get(args.id()))
 *     .mutation("deletePin", DeletePin.class, (args, ctx) -> store.delete(ctx, args.id()))
 *     .batchResolver("Pin", "author", PinSource.class, (pins, batch) -> profiles.load(pins))
 *     .exceptionHandler(StoreUnavailable.class, (e, ctx) -> AppSyncError.of("Unavailable", "Try again"));
 * }</pre>
 *
 * <p>A router is a registration helper and not thread-safe; register everything at start-up.
 */
public final class Router {

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<Class<? extends Throwable>, ExceptionHandler<?>> exceptionHandlers = new LinkedHashMap<>();

    private Router() {}

    public static Router create() {
        return new Router();
    }

    /** Resolves {@code type.field}. For a BatchInvoke field it runs once per item. */
    public Router resolver(String type, String field, ResolverHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return add(Route.single(requireName(type, "type"), requireName(field, "field"), handler));
    }

    /** Resolves {@code type.field} with its arguments bound to {@code argumentsType}. */
    public <A> Router resolver(String type, String field, Class<A> argumentsType, ArgumentsResolverHandler<A> handler) {
        Objects.requireNonNull(argumentsType, "argumentsType");
        Objects.requireNonNull(handler, "handler");
        return resolver(type, field, context -> handler.resolve(context.arguments(argumentsType), context));
    }

    /** {@code resolver("Query", field, handler)}. */
    public Router query(String field, ResolverHandler handler) {
        return resolver("Query", field, handler);
    }

    public <A> Router query(String field, Class<A> argumentsType, ArgumentsResolverHandler<A> handler) {
        return resolver("Query", field, argumentsType, handler);
    }

    /** {@code resolver("Mutation", field, handler)}. */
    public Router mutation(String field, ResolverHandler handler) {
        return resolver("Mutation", field, handler);
    }

    public <A> Router mutation(String field, Class<A> argumentsType, ArgumentsResolverHandler<A> handler) {
        return resolver("Mutation", field, argumentsType, handler);
    }

    /**
     * A subscription field whose resolver only authorizes the subscribe: the runtime checks the policy and answers
     * {@code null}, which lets AppSync open the subscription.
     */
    public Router subscription(String field) {
        return resolver("Subscription", field, context -> null);
    }

    /** A subscription field with a handler of its own (it runs after the policy allowed the subscribe). */
    public Router subscription(String field, ResolverHandler handler) {
        return resolver("Subscription", field, handler);
    }

    /**
     * Resolves a whole BatchInvoke of {@code type.field} at once (aggregate mode). To handle each item on its own,
     * register a plain {@link #resolver(String, String, ResolverHandler)} instead.
     */
    public Router batchResolver(String type, String field, BatchResolverHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return add(Route.aggregate(requireName(type, "type"), requireName(field, "field"), handler));
    }

    /** Aggregate batch resolver that gets each item's parent object bound to {@code sourceType}. */
    public <S> Router batchResolver(
            String type, String field, Class<S> sourceType, SourceBatchResolverHandler<S> handler) {
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(handler, "handler");
        return batchResolver(type, field, batch -> {
            List<S> sources = new ArrayList<>(batch.size());
            for (ResolverContext item : batch) {
                sources.add(item.source(sourceType));
            }
            return handler.resolve(Collections.unmodifiableList(sources), batch);
        });
    }

    /**
     * Maps exceptions of {@code type} (and its subclasses) thrown by any handler of the resolver this router is
     * included in. The most specific registered type wins.
     */
    public <E extends Throwable> Router exceptionHandler(Class<E> type, ExceptionHandler<? super E> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        if (exceptionHandlers.putIfAbsent(type, handler) != null) {
            throw new ResolverConfigurationException(
                    "An exception handler for " + type.getName() + " is already registered");
        }
        return this;
    }

    /** Adds every handler and exception handler of another router to this one. */
    public Router include(Router other) {
        Objects.requireNonNull(other, "other");
        other.routes.values().forEach(this::add);
        other.exceptionHandlers.forEach((type, handler) -> {
            if (exceptionHandlers.putIfAbsent(type, handler) != null) {
                throw new ResolverConfigurationException(
                        "An exception handler for " + type.getName() + " is registered by two routers");
            }
        });
        return this;
    }

    /** The registered {@code Type.field}s, in registration order. */
    public List<String> fields() {
        return List.copyOf(routes.keySet());
    }

    List<Route> routes() {
        return List.copyOf(routes.values());
    }

    Map<Class<? extends Throwable>, ExceptionHandler<?>> exceptionHandlers() {
        return Collections.unmodifiableMap(exceptionHandlers);
    }

    private Router add(Route route) {
        if (routes.putIfAbsent(route.coordinate(), route) != null) {
            throw new ResolverConfigurationException(
                    route.coordinate() + " already has a resolver; register each " + "Type.field once");
        }
        return this;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new ResolverConfigurationException("The " + what + " name must not be blank");
        }
        return name;
    }
}
