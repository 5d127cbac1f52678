package dev.fieldgate.local.core.internal.sigv4;

import dev.fieldgate.local.core.LocalStackException;

/**
 * A request failed SigV4 verification. {@link #reason()} says why; {@link #awsErrorType()} and the message are what
 * AWS JSON services answer for that reason. Services with another error vocabulary (AppSync answers
 * {@code UnauthorizedException}) map the reason themselves.
 */
public final class SigV4Exception extends LocalStackException {

    private static final long serialVersionUID = 1L;

    /** Why verification failed. */
    public enum Reason {
        /**
         * No {@code Authorization} header at all. AWS's exact type and status for Cognito are not documented; this
         * is what AWS JSON services answer ("Missing Authentication Token", 400).
         */
        MISSING_AUTHENTICATION("MissingAuthenticationTokenException"),
        /** The header is not a well-formed AWS4-HMAC-SHA256 authorization, or {@code X-Amz-Date} is missing. */
        INCOMPLETE_SIGNATURE("IncompleteSignatureException"),
        /** Signed for another service, region or day than the request. */
        WRONG_SCOPE("InvalidSignatureException"),
        /** The request time is more than 5 minutes from the server's clock. */
        SIGNATURE_EXPIRED("InvalidSignatureException"),
        /** The signature (or the body's hash) does not match. */
        SIGNATURE_MISMATCH("InvalidSignatureException"),
        /** The access key id is unknown, or its session token is missing or wrong. */
        UNRECOGNIZED_CLIENT("UnrecognizedClientException"),
        /** Temporary credentials past their expiration. */
        EXPIRED_TOKEN("ExpiredTokenException"),
        /** A presigned URL past its {@code X-Amz-Expires}. */
        PRESIGNED_EXPIRED("AccessDenied");

        private final String awsErrorType;

        Reason(String awsErrorType) {
            this.awsErrorType = awsErrorType;
        }

        public String awsErrorType() {
            return awsErrorType;
        }
    }

    private final Reason reason;

    SigV4Exception(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String awsErrorType() {
        return reason.awsErrorType();
    }
}
