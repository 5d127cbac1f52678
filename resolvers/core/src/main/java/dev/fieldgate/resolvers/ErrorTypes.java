package dev.fieldgate.resolvers;

/**
 * The {@code errorType}s the runtime puts in the response envelope. AppSync passes them to the client unchanged
 * (see {@code docs/resolver-contract.md}); clients may branch on them.
 */
public final class ErrorTypes {

    /** A denial, exactly as AppSync's own: message {@code Not Authorized to access <field> on type <Type>}. */
    public static final String UNAUTHORIZED = "Unauthorized";
    /** The arguments are not what the field accepts. */
    public static final String VALIDATION = "ValidationException";
    /** The event itself is malformed: not JSON, no {@code info}, an identity of an unknown shape, a bad batch. */
    public static final String INVALID_EVENT = "InvalidEventException";
    /** No resolver is registered for the event's {@code Type.field}. */
    public static final String RESOLVER_NOT_FOUND = "ResolverNotFoundException";
    /** A batch resolver returned a result that does not line up with its batch. */
    public static final String INVALID_BATCH_RESPONSE = "InvalidBatchResponseException";
    /** The record the field acts on does not exist. */
    public static final String NOT_FOUND = "NotFoundException";
    /** The write lost a race or its precondition no longer holds; the client may read again and retry. */
    public static final String CONFLICT = "ConflictException";
    /** A backing service is overloaded or unavailable; the client may retry later. */
    public static final String UNAVAILABLE = "ServiceUnavailableException";
    /** Anything unexpected. The message carries only a request id; the details are in the function's log. */
    public static final String INTERNAL = "InternalFailure";

    private ErrorTypes() {}
}
