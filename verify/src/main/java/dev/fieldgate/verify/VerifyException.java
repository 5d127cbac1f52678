package dev.fieldgate.verify;

/**
 * The one unchecked exception of the verify module: the inputs of a verification could not be read (a missing or
 * malformed outputs file, a schema that does not compile, a missing setting). Problems found in the environment are
 * never thrown: they are the failed checks of the {@link VerificationReport}.
 */
public class VerifyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VerifyException(String message) {
        super(message);
    }

    public VerifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
