package dev.fieldgate.sdk.srp;

/**
 * Thrown when an SRP value is malformed or unsafe (for example a server {@code SRP_B} that is zero modulo N).
 * The message names the offending value and what a valid one looks like; it never contains a password,
 * a private ephemeral value or a derived key.
 */
public class SrpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SrpException(String message) {
        super(message);
    }

    public SrpException(String message, Throwable cause) {
        super(message, cause);
    }
}
