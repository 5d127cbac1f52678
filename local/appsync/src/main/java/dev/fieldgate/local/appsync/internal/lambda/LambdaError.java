package dev.fieldgate.local.appsync.internal.lambda;

/**
 * A failed invocation as Lambda reports it: {@code errorType} is the exception's class name for an exception the
 * handler threw ({@code Sandbox.Timedout} for a time-out), {@code errorMessage} its message.
 */
public record LambdaError(String errorType, String errorMessage) {

    /** The error type Lambda gives an invocation that ran past its timeout. */
    public static final String TIMED_OUT = "Sandbox.Timedout";

    static LambdaError of(Throwable failure) {
        String message = failure.getMessage();
        return new LambdaError(
                failure.getClass().getName(),
                message == null ? failure.getClass().getName() : message);
    }
}
