package dev.fieldgate.local.appsync.internal;

import java.util.Map;

/**
 * The names of the schema's root types; a schema without mutations or subscriptions has {@code null} for them.
 */
record RootTypes(String query, String mutation, String subscription) {

    /** From {@link AppSyncSchemaFactory#rootTypes}: {@code query}, {@code mutation}, {@code subscription}. */
    static RootTypes of(Map<String, String> roots) {
        return new RootTypes(roots.get("query"), roots.get("mutation"), roots.get("subscription"));
    }

    boolean isRoot(String type) {
        return type.equals(query) || type.equals(mutation) || type.equals(subscription);
    }
}
