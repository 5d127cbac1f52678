package dev.fieldgate.resolvers.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.ExceptionHandler;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the dispatcher looks up per {@code Type.field}, built once from the manifest and the app's routers: the
 * authorizer of every resolver field, its handler (the routers', or the runtime's own answer for a field-rule
 * resolver), its {@code maxBatchSize}, the exception handlers of all routers, and what mutation responses feeding
 * subscriptions withhold. Building it refuses what AppSync
 * would never call with a {@link ResolverConfigurationException}. Immutable.
 */
public final class RoutingTable {

    /**
     * One router's registrations, in the order the app included the routers.
     *
     * @param routes            its handlers
     * @param exceptionHandlers its exception handlers, by exception type
     */
    public record Registrations(
            List<Route> routes, Map<Class<? extends Throwable>, ExceptionHandler<?>> exceptionHandlers) {}

    private final Map<String, FieldAuthorizer> authorizers;
    private final Map<String, Route> routes;
    private final Map<String, Integer> maxBatchSizes;
    private final Map<Class<?>, ExceptionHandler<?>> exceptionHandlers;
    private final Set<String> unhandled;
    private final Redactions redactions;

    private RoutingTable(
            Map<String, FieldAuthorizer> authorizers,
            Map<String, Route> routes,
            Map<String, Integer> maxBatchSizes,
            Map<Class<?>, ExceptionHandler<?>> exceptionHandlers,
            Set<String> unhandled,
            Redactions redactions) {
        this.authorizers = Map.copyOf(authorizers);
        this.routes = Map.copyOf(routes);
        this.maxBatchSizes = Map.copyOf(maxBatchSizes);
        this.exceptionHandlers = Map.copyOf(exceptionHandlers);
        this.unhandled = Collections.unmodifiableSet(new LinkedHashSet<>(unhandled));
        this.redactions = redactions;
    }

    /**
     * Builds the tables from the manifest and the routers, refusing what AppSync could never call.
     *
     * @param mapper the runtime's mapper, with which the authorizers read handlers' results
     * @throws ResolverConfigurationException for a manifest resolver its policy lacks, a handler for a field the
     *                                        manifest has no resolver for, a field or exception type registered
     *                                        twice
     */
    public static RoutingTable build(
            Manifest manifest, AccessPolicy policy, ObjectMapper mapper, List<Registrations> routers) {
        Map<String, Integer> maxBatchSizes = new LinkedHashMap<>();
        Map<String, FieldAuthorizer> authorizers = new LinkedHashMap<>();
        Map<String, Route> routes = new LinkedHashMap<>();
        for (Manifest.Resolver resolver : manifest.resolvers()) {
            String coordinate = resolver.coordinate();
            if (policy.field(resolver.type(), resolver.field()).isEmpty()) {
                throw new ResolverConfigurationException("The manifest lists a resolver for " + coordinate
                        + " but its policy has no such field; regenerate the manifest");
            }
            authorizers.put(coordinate, new FieldAuthorizer(policy, resolver.type(), resolver.field(), mapper));
            if (resolver.maxBatchSize() != null) {
                maxBatchSizes.put(coordinate, resolver.maxBatchSize());
            }
        }
        Map<Class<?>, ExceptionHandler<?>> exceptionHandlers = new LinkedHashMap<>();
        for (Registrations router : routers) {
            for (Route route : router.routes()) {
                if (!authorizers.containsKey(route.coordinate())) {
                    throw new ResolverConfigurationException("A handler is registered for " + route.coordinate()
                            + ", but the manifest has no resolver for it, so AppSync never calls this function for "
                            + "it. Resolvers in the manifest: " + authorizers.keySet());
                }
                if (routes.putIfAbsent(route.coordinate(), route) != null) {
                    throw new ResolverConfigurationException(route.coordinate() + " has a handler in two routers");
                }
            }
            router.exceptionHandlers().forEach((type, handler) -> {
                if (exceptionHandlers.putIfAbsent(type, handler) != null) {
                    throw new ResolverConfigurationException(
                            "Two routers register an exception handler for " + type.getName());
                }
            });
        }
        // Field-rule resolvers exist only to enforce read rules per record: answer them from the source.
        for (Manifest.Resolver resolver : manifest.resolvers()) {
            if (resolver.reason() == Manifest.ResolverReason.FIELD_RULE && !routes.containsKey(resolver.coordinate())) {
                String field = resolver.field();
                routes.put(
                        resolver.coordinate(),
                        Route.single(
                                resolver.type(),
                                field,
                                context -> context.source() == null
                                        ? null
                                        : context.source().get(field)));
            }
        }
        Set<String> unhandled = new LinkedHashSet<>(authorizers.keySet());
        unhandled.removeAll(routes.keySet());
        return new RoutingTable(
                authorizers, routes, maxBatchSizes, exceptionHandlers, unhandled, Redactions.of(manifest));
    }

    /** The field's authorizer; {@code null} when the manifest has no resolver for it. */
    public FieldAuthorizer authorizer(String coordinate) {
        return authorizers.get(coordinate);
    }

    /** The field's handler; {@code null} when nothing answers it. */
    public Route route(String coordinate) {
        return routes.get(coordinate);
    }

    /** The field's {@code maxBatchSize}; {@code null} when the manifest sets none. */
    public Integer maxBatchSize(String coordinate) {
        return maxBatchSizes.get(coordinate);
    }

    /** Every router's exception handlers, by the exception type they were registered for. */
    public Map<Class<?>, ExceptionHandler<?>> exceptionHandlers() {
        return exceptionHandlers;
    }

    /** What the responses of mutations feeding subscriptions must withhold. */
    Redactions redactions() {
        return redactions;
    }

    /** Resolver fields of the manifest that nothing answers, in the manifest's order. */
    public Set<String> unhandled() {
        return unhandled;
    }
}
