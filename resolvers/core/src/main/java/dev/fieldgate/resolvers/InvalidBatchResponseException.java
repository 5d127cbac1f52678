package dev.fieldgate.resolvers;

/** A batch resolver returned something other than one result per item of its batch. */
public class InvalidBatchResponseException extends ResolverException {

    private static final long serialVersionUID = 1L;

    public InvalidBatchResponseException(String message) {
        super(ErrorTypes.INVALID_BATCH_RESPONSE, message);
    }
}
