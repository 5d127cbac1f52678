package dev.fieldgate.resolvers;

/** The write's precondition no longer holds (e.g. a record with that key already exists). */
public class ConflictException extends ResolverException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(ErrorTypes.CONFLICT, message);
    }
}
