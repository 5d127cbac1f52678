package javax.crac;

/** The function's global context. */
public final class Core {

    private static final OrderedContext GLOBAL = new OrderedContext();

    private Core() {}

    /** The context the function's resources register with; one per function. */
    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /**
     * Refused: on Lambda the snapshot is taken when a version is published, never at a function's request. (What
     * Lambda's own runtime does here is not documented; refusing is the safe reading.)
     */
    @SuppressWarnings("DoNotCallSuggester") // the API's own method, called by org.crac through reflection
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        throw new UnsupportedOperationException(
                "A SnapStart function cannot take its own snapshot: Lambda takes it when it publishes a version.");
    }
}
