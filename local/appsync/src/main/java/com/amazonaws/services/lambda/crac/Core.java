package com.amazonaws.services.lambda.crac;

/** The function's global context. */
public final class Core {

    private static final OrderedContext GLOBAL = new OrderedContext();

    private Core() {}

    /** The context the function's resources register with; one per function. */
    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** Refused, as by Lambda's runtime: the snapshot is taken when a version is published, never on request. */
    @SuppressWarnings("DoNotCallSuggester") // the API's own method, called by org.crac through reflection
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        throw new UnsupportedOperationException(
                "A SnapStart function cannot take its own snapshot: Lambda takes it when it publishes a version.");
    }
}
