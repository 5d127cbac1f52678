package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.InvalidRequestException;
import dev.fieldgate.sdk.NetworkException;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthenticatedException.Reason;
import dev.fieldgate.sdk.ServiceException;
import dev.fieldgate.sdk.ThrottledException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps the AWS SDK's Cognito errors into the SDK's exception tree, keeping Cognito's error code and message. */
public final class AwsErrors {

    private AwsErrors() {}

    /** Runs one AWS SDK call; its failure becomes the kit's exception, with {@code action} saying what failed. */
    public static <T> T call(String action, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw map(e, action);
        }
    }

    /**
     * Maps an AWS SDK failure to the kit's exception.
     *
     * @param action what was attempted, e.g. "Sign-in"
     */
    public static FieldgateException map(SdkException e, String action) {
        if (e instanceof AwsServiceException service) {
            return mapService(service, action);
        }
        boolean timeout = e instanceof ApiCallTimeoutException || hasCause(e, java.net.SocketTimeoutException.class);
        if (e instanceof SdkClientException && (timeout || hasCause(e, IOException.class))) {
            return new NetworkException(
                    action + " failed: Cognito could not be reached (" + e.getMessage()
                            + "). Check the network and the endpoint.",
                    e,
                    timeout);
        }
        return new FieldgateException(action + " failed: " + e.getMessage(), e);
    }

    private static FieldgateException mapService(AwsServiceException e, String action) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        int status = e.statusCode();
        String requestId = e.requestId();
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        String prefix = action + " failed: " + message + " (" + code + "). ";
        if (code == null) {
            return new ServiceException(prefix + "Retry later.", e, status, null, requestId, List.of());
        }
        return switch (code) {
            case "NotAuthorizedException" -> {
                Reason reason;
                String advice;
                if (lower.contains("secret hash") || lower.contains("secret_hash")) {
                    yield new FieldgateConfigException(
                            prefix + "This app client has a secret: set it with "
                                    + "FieldgateConfig.Builder.userPoolClientSecret(...), or use a client without one.",
                            e);
                }
                if (lower.contains("incorrect username or password")) {
                    reason = Reason.INCORRECT_USERNAME_OR_PASSWORD;
                    advice = "Check the username and password.";
                } else if (lower.contains("password attempts exceeded")) {
                    reason = Reason.TOO_MANY_FAILED_ATTEMPTS;
                    advice = "Wait a few minutes before trying again.";
                } else if (lower.contains("unauthenticated access is not supported")) {
                    reason = Reason.GUEST_ACCESS_DISABLED;
                    advice = "The identity pool does not allow guests; sign in, or enable unauthenticated "
                            + "identities (identityPool.allowUnauthenticatedIdentities in fieldgate.json).";
                } else if (lower.contains("refresh token")
                        || lower.contains("revoked")
                        || lower.contains("token has expired")
                        || lower.contains("token expired")) {
                    reason = Reason.SESSION_EXPIRED;
                    advice = "The session ended (expired, signed out or revoked); sign in again.";
                } else if (lower.contains("token")) {
                    reason = Reason.INVALID_TOKEN;
                    advice = "Sign in again to get fresh tokens.";
                } else {
                    reason = Reason.OTHER;
                    advice = "The user may be disabled, or the app client may not allow this flow.";
                }
                yield new NotAuthenticatedException(reason, prefix + advice, e, status, code, requestId);
            }
            case "UserNotConfirmedException" ->
                new NotAuthenticatedException(
                        Reason.USER_NOT_CONFIRMED,
                        prefix + "Confirm the sign-up with "
                                + "the code that was sent (confirmSignUp), or send a new one (resendConfirmationCode).",
                        e,
                        status,
                        code,
                        requestId);
            case "PasswordResetRequiredException" ->
                new NotAuthenticatedException(
                        Reason.PASSWORD_RESET_REQUIRED,
                        prefix + "Choose a new " + "password with forgotPassword and confirmForgotPassword.",
                        e,
                        status,
                        code,
                        requestId);
            case "UserNotFoundException" ->
                new NotAuthenticatedException(
                        Reason.INCORRECT_USERNAME_OR_PASSWORD,
                        prefix + "Check the " + "username, or sign up first.",
                        e,
                        status,
                        code,
                        requestId);
            case "TooManyRequestsException",
                    "LimitExceededException",
                    "TooManyFailedAttemptsException",
                    "ThrottlingException" ->
                new ThrottledException(prefix + "Wait before trying again.", e, status, code, requestId, null);
            case "CodeMismatchException" ->
                new InvalidRequestException(
                        prefix + "Enter the code exactly as received.", e, code, null, status, requestId);
            case "ExpiredCodeException" ->
                new InvalidRequestException(prefix + "Request a new code.", e, code, null, status, requestId);
            case "InvalidPasswordException" ->
                new InvalidRequestException(
                        prefix + "Choose a password that meets the pool's policy.", e, code, null, status, requestId);
            case "UsernameExistsException", "AliasExistsException" ->
                new InvalidRequestException(
                        prefix + "Sign in instead, or choose another username.", e, code, null, status, requestId);
            case "ResourceNotFoundException" ->
                new FieldgateConfigException(
                        prefix + "Check the pool and app client ids in the " + "configuration (outputs file).", e);
            case "InvalidIdentityPoolConfigurationException" ->
                new FieldgateConfigException(
                        prefix + "The identity pool needs its guest and authenticated " + "roles.", e);
            case "InternalErrorException", "InternalServerError", "ServiceUnavailableException" ->
                new ServiceException(prefix + "Retry later.", e, status, code, requestId, List.of());
            default -> {
                if (status >= 500) {
                    yield new ServiceException(prefix + "Retry later.", e, status, code, requestId, List.of());
                }
                yield new InvalidRequestException(
                        prefix + "Fix the request; retrying will not help.", e, code, null, status, requestId);
            }
        };
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
