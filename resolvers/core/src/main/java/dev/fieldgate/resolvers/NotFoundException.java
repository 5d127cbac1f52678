package dev.fieldgate.resolvers;

/** The record the field acts on does not exist (e.g. an update of a deleted pin). */
public class NotFoundException extends ResolverException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(ErrorTypes.NOT_FOUND, message);
    }
}
