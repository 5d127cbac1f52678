package dev.fieldgate.resolvers;

/**
 * Turns an exception a handler threw into the field's result: usually an {@link AppSyncError}
 * ({@code AppSyncError.of("NotFoundException", "No such pin")}), or a value to return as data.
 *
 * @param <E> the exception type it handles, including subclasses (the closest registered superclass wins)
 */
@FunctionalInterface
public interface ExceptionHandler<E extends Throwable> {

    Object handle(E exception, ResolverContext context);
}
