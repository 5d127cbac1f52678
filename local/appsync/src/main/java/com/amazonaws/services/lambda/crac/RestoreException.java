package com.amazonaws.services.lambda.crac;

/** The snapshot could not be restored: the hooks' exceptions are its suppressed exceptions. */
public class RestoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public RestoreException() {
        super();
    }

    public RestoreException(String message) {
        super(message);
    }
}
