package dev.fieldgate.resolvers.internal;

import dev.fieldgate.resolvers.BatchResolverHandler;
import dev.fieldgate.resolvers.ResolverHandler;

/**
 * A registered handler for one {@code Type.field}: a single resolver (called per item of a BatchInvoke) or an
 * aggregate batch resolver.
 *
 * @param single  the per-field handler, or {@code null}
 * @param batch   the aggregate handler, or {@code null}
 * @param builtIn true for the runtime's own field-rule resolver
 */
public record Route(String type, String field, ResolverHandler single, BatchResolverHandler batch, boolean builtIn) {

    public static Route single(String type, String field, ResolverHandler handler) {
        return new Route(type, field, handler, null, false);
    }

    public static Route aggregate(String type, String field, BatchResolverHandler handler) {
        return new Route(type, field, null, handler, false);
    }

    public String coordinate() {
        return type + "." + field;
    }

    public boolean isAggregate() {
        return batch != null;
    }
}
