package dev.fieldgate.resolvers;

import java.util.List;

/**
 * A {@link BatchResolverHandler} that gets each item's parent object bound to a type.
 *
 * @param <S> the parent type, e.g. the {@code Pin} whose {@code author} is resolved
 */
@FunctionalInterface
public interface SourceBatchResolverHandler<S> {

    /**
     * Resolves a batch of one field from its items' parent objects.
     *
     * @param sources the items' parent objects, in the batch's order
     * @param batch   the items' contexts, in the same order
     * @return one result per item, in the same order
     */
    List<?> resolve(List<S> sources, List<ResolverContext> batch) throws Exception;
}
