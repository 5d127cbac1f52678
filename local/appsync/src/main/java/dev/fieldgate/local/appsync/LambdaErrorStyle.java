package dev.fieldgate.local.appsync;

/**
 * The {@code errorType} a field gets when the resolver function throws (or times out) instead of answering.
 * AWS's documentation does not settle it: Direct Lambda resolvers are reported to pass on Lambda's own error type
 * (for Java, the exception's class name), template-based resolvers to report {@code Lambda:Unhandled}.
 */
public enum LambdaErrorStyle {
    /** Lambda's error type: the exception's class name, {@code Sandbox.Timedout} for a time-out. The default. */
    FUNCTION_ERROR_TYPE,
    /** Always {@code Lambda:Unhandled}. */
    LAMBDA_UNHANDLED
}
