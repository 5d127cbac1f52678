package dev.fieldgate.local.core.internal.awsjson;

import dev.fieldgate.local.core.LocalStackException;

/**
 * An error answered to an AWS JSON client: {@code __type} (the modelled exception's shape name), the message AWS
 * sends, and the HTTP status (400 for every client error, as the live services answer, 500 for internal errors).
 */
public final class AwsServiceException extends LocalStackException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;

    public AwsServiceException(String type, String message) {
        this(type, message, 400);
    }

    public AwsServiceException(String type, String message, int status) {
        super(message);
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public static AwsServiceException invalidParameter(String message) {
        return new AwsServiceException("InvalidParameterException", message);
    }

    public static AwsServiceException notAuthorized(String message) {
        return new AwsServiceException("NotAuthorizedException", message);
    }

    /** AWS's standard validation message for a missing required member, e.g. {@code ClientId}. */
    public static AwsServiceException missing(String member) {
        return invalidParameter("1 validation error detected: Value null at '" + lowerFirst(member)
                + "' failed to satisfy constraint: Member must not be null");
    }

    /** AWS's standard validation message for a member that breaks a constraint. */
    public static AwsServiceException constraint(String member, String constraint) {
        return invalidParameter("1 validation error detected: Value at '" + lowerFirst(member)
                + "' failed to satisfy constraint: " + constraint);
    }

    static String lowerFirst(String member) {
        return member.isEmpty() ? member : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
