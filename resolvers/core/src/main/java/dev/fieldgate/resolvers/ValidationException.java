package dev.fieldgate.resolvers;

/** The arguments are not what the field accepts; the message says which argument and what is expected. */
public class ValidationException extends ResolverException {

    private static final long serialVersionUID = 1L;

    public ValidationException(String message) {
        super(ErrorTypes.VALIDATION, message);
    }

    public ValidationException(String message, Throwable cause) {
        super(ErrorTypes.VALIDATION, message, null, cause);
    }
}
