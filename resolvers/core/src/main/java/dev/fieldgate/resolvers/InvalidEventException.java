package dev.fieldgate.resolvers;

/**
 * The event is not an AppSync resolver event: not JSON, no {@code info}, an identity of no known shape, an empty
 * or oversized BatchInvoke. AppSync never sends these; they point at a misconfigured resolver or a hand-made event.
 */
public class InvalidEventException extends ResolverException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(ErrorTypes.INVALID_EVENT, message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(ErrorTypes.INVALID_EVENT, message, null, cause);
    }
}
