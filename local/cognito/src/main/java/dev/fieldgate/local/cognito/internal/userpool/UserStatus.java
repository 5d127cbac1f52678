package dev.fieldgate.local.cognito.internal.userpool;

/**
 * A user's status. The constant names are Cognito's {@code UserStatus} strings: the API answers them and the state
 * documents store them, so renaming a constant breaks both.
 */
public enum UserStatus {
    /** Signed up; the sign-up code has not been confirmed yet. */
    UNCONFIRMED,
    /** May sign in. */
    CONFIRMED,
    /** Created by an administrator: must choose a new password at the first sign-in. */
    FORCE_CHANGE_PASSWORD,
    /** An administrator reset the password: only a forgot-password code lets the user in again. */
    RESET_REQUIRED;

    /** The string Cognito sends for this status ({@code UserStatus}, {@code cognito:user_status}). */
    public String cognitoName() {
        return name();
    }
}
