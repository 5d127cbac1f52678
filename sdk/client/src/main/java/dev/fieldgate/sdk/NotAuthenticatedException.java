package dev.fieldgate.sdk;

import java.util.Objects;

/**
 * The caller could not be identified: AppSync answered 401 or 403 (no token, a token it cannot verify or that has
 * expired, a bad SigV4 signature, unknown credentials), or Cognito refused a sign-in or a refresh.
 * {@link #reason()} says which; the message says what to do.
 */
public class NotAuthenticatedException extends FieldgateException {

    private static final long serialVersionUID = 1L;

    /** Why the caller is not authenticated. */
    public enum Reason {
        /** No session: sign in first. */
        NOT_SIGNED_IN,
        /** The refresh token expired or was revoked (sign-out, RevokeToken): sign in again. */
        SESSION_EXPIRED,
        /** Wrong username or password (Cognito answers the same for unknown users). */
        INCORRECT_USERNAME_OR_PASSWORD,
        /** The user exists but has not confirmed the sign-up code. */
        USER_NOT_CONFIRMED,
        /** An administrator reset the password; use forgot-password to choose a new one. */
        PASSWORD_RESET_REQUIRED,
        /** Cognito asks for a further step (a new password, an MFA code) before it issues tokens. */
        CHALLENGE_REQUIRED,
        /** Too many failed attempts; the user is locked out for a while. */
        TOO_MANY_FAILED_ATTEMPTS,
        /** The identity pool does not allow guests. */
        GUEST_ACCESS_DISABLED,
        /** AppSync (or Cognito) rejected the token: malformed, expired, from another pool or client. */
        INVALID_TOKEN,
        /** AppSync rejected the SigV4 signature (often a clock more than 5 minutes off). */
        INVALID_SIGNATURE,
        /** AppSync does not know the access key or session token (expired or from another account). */
        UNRECOGNIZED_CREDENTIALS,
        /** No authorization was sent, or the API does not accept this mode. */
        MISSING_AUTHORIZATION,
        /** Any other refusal; see the message. */
        OTHER
    }

    private final Reason reason;

    public NotAuthenticatedException(Reason reason, String message) {
        this(reason, message, null, 0, null, null);
    }

    public NotAuthenticatedException(
            Reason reason, String message, Throwable cause, int statusCode, String errorType, String requestId) {
        super(message, cause, statusCode, errorType, requestId);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
