package com.amazonaws.services.lambda.crac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The global context's order, as in the JDK's CRaC: {@code beforeCheckpoint} from the last registered resource to
 * the first, {@code afterRestore} from the first to the last. Every hook runs even when one throws an exception; the
 * exceptions are the suppressed exceptions of the one exception thrown.
 */
final class OrderedContext extends Context<Resource> {

    private final List<Resource> resources = new ArrayList<>();

    @Override
    public synchronized void register(Resource resource) {
        resources.add(Objects.requireNonNull(resource, "resource"));
    }

    private synchronized List<Resource> registered() {
        return new ArrayList<>(resources);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
        List<Resource> all = registered();
        CheckpointException failure = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).beforeCheckpoint(this);
            } catch (Exception e) {
                failure = failure == null ? new CheckpointException() : failure;
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws RestoreException {
        RestoreException failure = null;
        for (Resource resource : registered()) {
            try {
                resource.afterRestore(this);
            } catch (Exception e) {
                failure = failure == null ? new RestoreException() : failure;
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
