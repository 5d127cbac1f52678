package dev.fieldgate.resolvers;

/**
 * The caller may not do this: AppSync's {@code Unauthorized} error with its message
 * {@code Not Authorized to access <field> on type <Type>}, and nothing that says why (the reason is logged).
 */
public class UnauthorizedException extends ResolverException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String typeName, String fieldName) {
        super(ErrorTypes.UNAUTHORIZED, message(typeName, fieldName));
    }

    /** AppSync's wording, e.g. {@code Not Authorized to access deletePin on type Mutation}. */
    public static String message(String typeName, String fieldName) {
        return "Not Authorized to access " + fieldName + " on type " + typeName;
    }
}
