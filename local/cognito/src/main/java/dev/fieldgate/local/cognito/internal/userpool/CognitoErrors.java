package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;

/** The errors the user pool answers, with the messages real Cognito sends (see the reference notes). */
final class CognitoErrors {

    static final String INCORRECT_CREDENTIALS = "Incorrect username or password.";

    private CognitoErrors() {}

    static AwsServiceException notAuthorized(String message) {
        return new AwsServiceException("NotAuthorizedException", message);
    }

    static AwsServiceException incorrectCredentials() {
        return notAuthorized(INCORRECT_CREDENTIALS);
    }

    static AwsServiceException userNotFound() {
        return new AwsServiceException("UserNotFoundException", "User does not exist.");
    }

    /** The older wording Cognito still uses for the sign-up and password-reset operations. */
    static AwsServiceException userClientNotFound() {
        return new AwsServiceException("UserNotFoundException", "Username/client id combination not found.");
    }

    static AwsServiceException userNotConfirmed() {
        return new AwsServiceException("UserNotConfirmedException", "User is not confirmed.");
    }

    static AwsServiceException passwordResetRequired() {
        return new AwsServiceException("PasswordResetRequiredException", "Password reset required for the user");
    }

    static AwsServiceException codeMismatch() {
        return new AwsServiceException(
                "CodeMismatchException", "Invalid verification code provided, please try again.");
    }

    static AwsServiceException expiredCode() {
        return new AwsServiceException("ExpiredCodeException", "Invalid code provided, please request a code again.");
    }

    static AwsServiceException limitExceeded() {
        return new AwsServiceException("LimitExceededException", "Attempt limit exceeded, please try after some time.");
    }

    static AwsServiceException invalidPassword(String reason) {
        return new AwsServiceException("InvalidPasswordException", "Password did not conform with policy: " + reason);
    }

    static AwsServiceException invalidParameter(String message) {
        return AwsServiceException.invalidParameter(message);
    }

    static AwsServiceException resourceNotFound(String message) {
        return new AwsServiceException("ResourceNotFoundException", message);
    }

    static AwsServiceException missingAuthParameter(String name) {
        return invalidParameter("Missing required parameter " + name);
    }
}
