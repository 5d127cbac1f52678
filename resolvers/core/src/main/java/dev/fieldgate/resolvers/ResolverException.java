package dev.fieldgate.resolvers;

import dev.fieldgate.resolvers.internal.Immutables;
import java.util.Map;
import java.util.Objects;

/**
 * The root of every exception the resolver runtime throws, and the way a handler fails one field with an AppSync
 * error: the runtime turns it into the envelope {@code {data, errorType, errorMessage, errorInfo}} and AppSync hands
 * {@link #errorType()} and the message to the client. The message is therefore client-facing: say what is wrong
 * with the request, never how the function is built.
 */
public class ResolverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final transient Map<String, Object> errorInfo;

    public ResolverException(String errorType, String message) {
        this(errorType, message, null, null);
    }

    public ResolverException(String errorType, String message, Map<String, ?> errorInfo) {
        this(errorType, message, errorInfo, null);
    }

    public ResolverException(String errorType, String message, Map<String, ?> errorInfo, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.errorInfo = errorInfo == null ? null : Immutables.map(errorInfo);
    }

    /** The {@code errorType} the client sees. */
    public String errorType() {
        return errorType;
    }

    /** Extra structured detail for the client ({@code errorInfo}), or {@code null}. */
    public Map<String, Object> errorInfo() {
        return errorInfo;
    }

    /** This failure as the error value a handler may also return. */
    public AppSyncError toError() {
        return new AppSyncError(errorType, getMessage(), null, errorInfo);
    }
}
