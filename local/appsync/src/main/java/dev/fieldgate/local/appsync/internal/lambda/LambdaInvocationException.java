package dev.fieldgate.local.appsync.internal.lambda;

import dev.fieldgate.local.core.LocalStackException;

/** An invocation failed the way a Lambda invocation fails: the function threw, timed out or could not start. */
public final class LambdaInvocationException extends LocalStackException {

    private static final long serialVersionUID = 1L;

    private final transient LambdaError error;

    public LambdaInvocationException(LambdaError error, Throwable cause) {
        super(error.errorType() + ": " + error.errorMessage(), cause);
        this.error = error;
    }

    public LambdaError error() {
        return error;
    }
}
