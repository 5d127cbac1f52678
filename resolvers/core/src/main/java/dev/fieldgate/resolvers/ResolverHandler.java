package dev.fieldgate.resolvers;

/**
 * Resolves one field. Return the field's value (any object Jackson can write, {@code null}, or an
 * {@link AppSyncError}); throw a {@link ResolverException} to fail the field with an AppSync error. Other exceptions
 * go to the exception handlers, or become a generic internal error.
 *
 * <p>Registered for a field that AppSync calls with BatchInvoke, it runs once per item.
 */
@FunctionalInterface
public interface ResolverHandler {

    Object resolve(ResolverContext context) throws Exception;
}
