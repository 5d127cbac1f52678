package dev.fieldgate.policy;

/**
 * The root of every exception the policy module throws. Unchecked: a bad schema or manifest is a programming or
 * configuration error that the message explains how to fix.
 */
public class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
