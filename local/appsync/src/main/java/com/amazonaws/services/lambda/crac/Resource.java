package com.amazonaws.services.lambda.crac;

/** Something to tell before a snapshot is taken and after it is restored. */
public interface Resource {

    /** Called before the snapshot is taken. */
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    /** Called after the snapshot is restored, before the first invocation. */
    void afterRestore(Context<? extends Resource> context) throws Exception;
}
