package dev.fieldgate.local.appsync.internal.lambda;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * What Lambda runs around a SnapStart snapshot, run once after the function's init: the {@code beforeCheckpoint}
 * hooks the function registered (Lambda runs them when it publishes a version, after the init), then its
 * {@code afterRestore} hooks (Lambda runs them when it restores the snapshot, before the first invocation). A
 * function that registered none runs nothing.
 */
final class SnapStartHooks {

    private SnapStartHooks() {}

    /**
     * Runs both phases with the function's own {@code javax.crac} global context.
     *
     * @throws LambdaInvocationException if a hook threw: the function is not usable, as a version whose snapshot
     *     failed is not
     */
    static void checkpointAndRestore(ClassLoader functionLoader) {
        Object context;
        Class<?> contextType;
        try {
            Class<?> core = Class.forName("javax.crac.Core", true, functionLoader);
            contextType = Class.forName("javax.crac.Context", false, functionLoader);
            context = core.getMethod("getGlobalContext").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The function's javax.crac classes are not the stack's", e);
        }
        // A failed snapshot fails the version's publication; here it fails the init, with the hook's exception.
        run(context, contextType, "beforeCheckpoint", null);
        // UNCONFIRMED: Lambda's Invoke API answers SnapStartException when an afterRestore hook fails; the error type
        // a Direct Lambda resolver then sees is not documented, so the exception's name is used as AppSync would
        // show an invoke error.
        run(context, contextType, "afterRestore", "SnapStartException");
    }

    /** @param errorType the error a failure is reported as; null for the hook's own exception */
    private static void run(Object context, Class<?> contextType, String phase, String errorType) {
        try {
            Method hooks = contextType.getMethod(phase, contextType);
            hooks.invoke(context, (Object) null);
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            // The context collects every hook's failure; the first one says what went wrong.
            Throwable first = failure.getSuppressed().length > 0 ? failure.getSuppressed()[0] : failure;
            throw new LambdaInvocationException(
                    errorType == null
                            ? LambdaError.of(first)
                            : new LambdaError(errorType, "The " + phase + "() runtime hook failed: " + first),
                    first);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The function's javax.crac classes are not the stack's", e);
        }
    }
}
