package dev.fieldgate.resolvers;

import java.util.List;

/**
 * Resolves a whole BatchInvoke at once (aggregate mode), e.g. to load every item's related record with one store
 * call. It receives the items the caller may read, in AppSync's order, and returns exactly one result per item in
 * the same order (a value, {@code null}, or an {@link AppSyncError} for that item). Items the policy denies never
 * reach it; they get AppSync's {@code Unauthorized} error in their place of the response.
 */
@FunctionalInterface
public interface BatchResolverHandler {

    List<?> resolve(List<ResolverContext> batch) throws Exception;
}
