package dev.fieldgate.resolvers.internal;

import dev.fieldgate.resolvers.BatchResolverHandler;
import dev.fieldgate.resolvers.ResolverHandler;

/**
 * A registered handler for one {@code Type.field}: a single resolver (called per item of a BatchInvoke) or an
 * aggregate batch resolver.
 *
 * @param single  the per-field handler, or {@code null}
 * @param batch   the aggregate handler, or {@code null}
 */
public record Route(String type, String field, ResolverHandler single, BatchResolverHandler batch) {

    public static Route single(String type, String field, ResolverHandler handler) {
        return new Route(type, field, handler, null);
    }

    public static Route aggregate(String type, String field, BatchResolverHandler handler) {
        return new Route(type, field, null, handler);
    }

    public String coordinate() {
        return type + "." + field;
    }

    public boolean isAggregate() {
        return batch != null;
    }
}
