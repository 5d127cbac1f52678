package com.amazonaws.services.lambda.crac;

/**
 * A resource that tells the resources registered with it.
 *
 * @param <R> the resources it holds
 */
public abstract class Context<R extends Resource> implements Resource {

    protected Context() {}

    @Override
    public abstract void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException;

    @Override
    public abstract void afterRestore(Context<? extends Resource> context) throws RestoreException;

    /** Registers a resource: it is told of every later snapshot and restore. */
    public abstract void register(R resource);
}
