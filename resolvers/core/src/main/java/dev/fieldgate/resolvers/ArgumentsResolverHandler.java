package dev.fieldgate.resolvers;

/**
 * Resolves one field from its arguments bound to a record or class.
 *
 * @param <A> the arguments type, e.g. {@code record GetPinArgs(String id)}
 */
@FunctionalInterface
public interface ArgumentsResolverHandler<A> {

    Object resolve(A arguments, ResolverContext context) throws Exception;
}
