package dev.fieldgate.sdk.auth;

/** How a user-pool sign-in proves the password. */
public enum AuthFlow {
    /** Secure Remote Password: the password never leaves the client (the default, as in Amplify). */
    USER_SRP_AUTH,
    /** The password is sent to Cognito over TLS; the app client must allow {@code ALLOW_USER_PASSWORD_AUTH}. */
    USER_PASSWORD_AUTH
}
