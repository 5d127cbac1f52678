package dev.fieldgate.resolvers;

/**
 * The resolver is set up wrongly (a handler for a field the manifest has no resolver for, a field registered
 * twice, no manifest). Thrown while building, so a misconfigured function fails at start, not per request.
 */
public class ResolverConfigurationException extends ResolverException {

    private static final long serialVersionUID = 1L;

    public ResolverConfigurationException(String message) {
        super(ErrorTypes.INTERNAL, message);
    }

    public ResolverConfigurationException(String message, Throwable cause) {
        super(ErrorTypes.INTERNAL, message, null, cause);
    }
}
