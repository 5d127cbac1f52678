package dev.fieldgate.resolvers;

/** The function has no resolver for the event's {@code Type.field}. */
public class ResolverNotFoundException extends ResolverException {

    private static final long serialVersionUID = 1L;

    public ResolverNotFoundException(String typeName, String fieldName) {
        super(ErrorTypes.RESOLVER_NOT_FOUND, "No resolver for " + typeName + "." + fieldName + " in this function");
    }
}
