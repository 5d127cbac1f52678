package dev.fieldgate.local.appsync.internal.lambda;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Lambda runs around a SnapStart snapshot, run once after the function's init: the {@code beforeCheckpoint}
 * hooks the function registered (Lambda runs them when it publishes a version, after the init), then its
 * {@code afterRestore} hooks (Lambda runs them when it restores the snapshot, before the first invocation). A
 * function that registered none runs nothing.
 */
final class SnapStartHooks {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);
    private static final String CORE = FunctionClassLoader.CRAC_PACKAGE + ".Core";
    private static final String CONTEXT = FunctionClassLoader.CRAC_PACKAGE + ".Context";

    private SnapStartHooks() {}

    /**
     * Runs both phases with the function's own global context. When {@code beforeCheckpoint} fails, the
     * {@code afterRestore} hooks still run, as CRaC runs them after a failed checkpoint: they undo what the first
     * phase did (Spring restarts the beans it stopped), so nothing is left half-stopped in this JVM.
     *
     * @throws LambdaInvocationException if a hook threw: the function is not usable, as a version whose snapshot
     *     failed is not
     */
    static void checkpointAndRestore(ClassLoader functionLoader) {
        Object context;
        Class<?> contextType;
        try {
            Class<?> core = Class.forName(CORE, true, functionLoader);
            contextType = Class.forName(CONTEXT, false, functionLoader);
            context = core.getMethod("getGlobalContext").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The function's CRaC classes are not the stack's", e);
        }
        // A failed snapshot fails the version's publication; here it fails the init, with the hook's exception.
        Throwable checkpointFailure = run(context, contextType, "beforeCheckpoint");
        Throwable restoreFailure = run(context, contextType, "afterRestore");
        if (checkpointFailure != null) {
            if (restoreFailure != null) {
                checkpointFailure.addSuppressed(restoreFailure);
            }
            throw new LambdaInvocationException(LambdaError.of(checkpointFailure), checkpointFailure);
        }
        if (restoreFailure != null) {
            // Lambda's Invoke API answers SnapStartException when an afterRestore hook fails.
            throw new LambdaInvocationException(
                    new LambdaError("SnapStartException", "The afterRestore() runtime hook failed: " + restoreFailure),
                    restoreFailure);
        }
    }

    /** Runs one phase; the first hook's failure, or null. */
    private static Throwable run(Object context, Class<?> contextType, String phase) {
        try {
            Method hooks = contextType.getMethod(phase, contextType);
            hooks.invoke(context, (Object) null);
            return null;
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            // The context collects every hook's failure; the first one says what went wrong.
            Throwable first = failure.getSuppressed().length > 0 ? failure.getSuppressed()[0] : failure;
            LOG.error("A {} runtime hook of the function failed", phase, failure);
            return first;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The function's CRaC classes are not the stack's", e);
        }
    }
}
