package com.amazonaws.services.lambda.crac;

/** The snapshot could not be taken: the hooks' exceptions are its suppressed exceptions. */
public class CheckpointException extends Exception {

    private static final long serialVersionUID = 1L;

    public CheckpointException() {
        super();
    }

    public CheckpointException(String message) {
        super(message);
    }
}
