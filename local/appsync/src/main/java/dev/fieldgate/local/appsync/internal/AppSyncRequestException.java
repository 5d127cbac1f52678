package dev.fieldgate.local.appsync.internal;

import dev.fieldgate.local.core.LocalStackException;

/**
 * A request AppSync turns away before executing it: missing or invalid credentials, a bad signature, a malformed
 * body. The body is AppSync's {@code {"errors": [{"errorType": ..., "message": ...}]}}; signature failures also name
 * their type in {@code x-amzn-ErrorType}, as AWS's front door does.
 */
public final class AppSyncRequestException extends LocalStackException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;
    private final boolean errorTypeHeader;

    public AppSyncRequestException(int status, String errorType, String message, boolean errorTypeHeader) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.errorTypeHeader = errorTypeHeader;
    }

    /** 401 UnauthorizedException: no credentials, or credentials AppSync does not accept. */
    public static AppSyncRequestException unauthorized(String message) {
        return new AppSyncRequestException(401, "UnauthorizedException", message, false);
    }

    /** 400 MalformedHttpRequestException: a body AppSync cannot read as a GraphQL request. */
    public static AppSyncRequestException malformed(String message) {
        return new AppSyncRequestException(400, "MalformedHttpRequestException", message, false);
    }

    /** 400 BadRequestException: a request AppSync reads but refuses to run. */
    public static AppSyncRequestException badRequest(String message) {
        return new AppSyncRequestException(400, "BadRequestException", message, false);
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    /** True when the error type also goes into the {@code x-amzn-ErrorType} header. */
    public boolean errorTypeHeader() {
        return errorTypeHeader;
    }
}
