package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.InvalidRequestException;
import dev.fieldgate.sdk.NetworkException;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthenticatedException.Reason;
import dev.fieldgate.sdk.NotAuthorizedException;
import dev.fieldgate.sdk.ServiceException;
import dev.fieldgate.sdk.ThrottledException;
import dev.fieldgate.sdk.storage.ObjectNotFoundException;
import dev.fieldgate.sdk.storage.PathRule;
import dev.fieldgate.sdk.storage.StorageAccess;
import dev.fieldgate.sdk.storage.StorageBucket;
import dev.fieldgate.sdk.storage.StorageConfigException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps S3's answers into the SDK's exception tree. A refusal names the declared path rule that holds the key and
 * what it allows the caller, so the message says what to fix.
 */
public final class StorageErrors {

    /**
     * Who is calling, for messages.
     *
     * @param group    the user-pool group whose role the caller's credentials carry; null for none
     * @param memberOf the caller's user-pool groups ({@code cognito:groups})
     */
    public record Caller(boolean guest, String identityId, String group, List<String> memberOf) {

        public Caller {
            memberOf = memberOf == null ? List.of() : List.copyOf(memberOf);
        }

        /** A caller outside every user-pool group. */
        public Caller(boolean guest, String identityId) {
            this(guest, identityId, null, List.of());
        }

        String describe() {
            if (guest) {
                return "a guest";
            }
            return identityId == null ? "this caller" : "identity " + identityId;
        }
    }

    private StorageErrors() {}

    /**
     * Maps a failed S3 call.
     *
     * @param operation the S3 operation ({@code PutObject}, {@code GetObject}, …)
     * @param access    what the operation needs under the key's path
     * @param key       the object key or listing prefix
     */
    public static FieldgateException map(
            SdkException e, String operation, StorageAccess access, String key, StorageBucket bucket, Caller caller) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof FieldgateException own) {
                // The credentials provider's own failure (not signed in, guests disabled): it says what to fix.
                return own;
            }
        }
        String where = "'" + key + "' in bucket " + bucket.name();
        if (e instanceof AwsServiceException service) {
            return service(service, operation, access, key, where, bucket, caller);
        }
        boolean timeout = e instanceof ApiCallTimeoutException || has(e, SocketTimeoutException.class);
        if (timeout || has(e, IOException.class)) {
            return new NetworkException(
                    operation + " on " + where + " failed: S3 could not be reached (" + e.getMessage()
                            + "). Check the network and the storage endpoint.",
                    e,
                    timeout);
        }
        return new FieldgateException(operation + " on " + where + " failed: " + e.getMessage(), e);
    }

    private static FieldgateException service(
            AwsServiceException e,
            String operation,
            StorageAccess access,
            String key,
            String where,
            StorageBucket bucket,
            Caller caller) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String s3Message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        int status = e.statusCode();
        String requestId = e.requestId();
        String prefix = "S3 refused " + operation + " on " + where + " (" + (code == null ? status : code) + ": "
                + (s3Message == null ? "no message" : s3Message) + "). ";
        if (code == null && status == 403) {
            code = "AccessDenied"; // A HEAD request's refusal has no body.
        }
        if (code == null && status == 404) {
            code = "NoSuchKey";
        }
        if (code == null) {
            return status >= 500
                    ? new ServiceException(prefix + "Retry later.", e, status, null, requestId, List.of())
                    : new InvalidRequestException(prefix + "Fix the request.", e, null, null, status, requestId);
        }
        return switch (code) {
            case "AccessDenied", "AllAccessDisabled" ->
                new NotAuthorizedException(
                        prefix + refusal(access, key, bucket, caller), code, List.of(), List.of(), status, requestId);
            case "SignatureDoesNotMatch" ->
                new NotAuthenticatedException(
                        Reason.INVALID_SIGNATURE,
                        prefix + "The request's signature does not match: the credentials changed while it was"
                                + " sent, or something altered it in transit (a proxy rewriting headers).",
                        e,
                        status,
                        code,
                        requestId);
            case "RequestTimeTooSkewed" ->
                new NotAuthenticatedException(
                        Reason.INVALID_SIGNATURE,
                        prefix + "This machine's clock is more than 15 minutes off: set it right (NTP).",
                        e,
                        status,
                        code,
                        requestId);
            case "InvalidAccessKeyId", "ExpiredToken", "InvalidToken", "TokenRefreshRequired" ->
                new NotAuthenticatedException(
                        Reason.UNRECOGNIZED_CREDENTIALS,
                        prefix + "The identity-pool credentials are unknown or expired: sign in again (or let the"
                                + " credentials provider refresh them).",
                        e,
                        status,
                        code,
                        requestId);
            case "NoSuchKey", "NoSuchUpload" ->
                new ObjectNotFoundException(
                        prefix + "Nothing is stored under this key; list the path to see what is.",
                        e,
                        key,
                        code,
                        requestId);
            case "NoSuchBucket" ->
                new StorageConfigException(
                        prefix + "The bucket " + bucket.bucketName() + " does not exist: deploy the storage"
                                + " module (or start the local stack with the app's storage), then regenerate"
                                + " the outputs file.",
                        e);
            case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded" ->
                new ThrottledException(prefix + "Wait before trying again.", e, status, code, requestId, null);
            case "EntityTooLarge", "EntityTooSmall", "InvalidPart", "InvalidPartOrder", "KeyTooLongError" ->
                new InvalidRequestException(
                        prefix + "Fix the upload: parts are 5 MiB to 5 GiB (the last may be smaller), keys at"
                                + " most 1,024 bytes.",
                        e,
                        code,
                        null,
                        status,
                        requestId);
            default -> {
                if (status >= 500) {
                    yield new ServiceException(prefix + "Retry later.", e, status, code, requestId, List.of());
                }
                yield new InvalidRequestException(
                        prefix + "Fix the request; retrying will not help.", e, code, null, status, requestId);
            }
        };
    }

    /** Why the declaration refuses {@code access} on {@code key} to the caller, and what to do instead. */
    public static String refusal(StorageAccess access, String key, StorageBucket bucket, Caller caller) {
        Optional<PathRule> found = bucket.ruleFor(key);
        if (found.isEmpty()) {
            if (bucket.paths().isEmpty()) {
                return "The bucket's declaration does not let " + caller.describe() + " " + access.word()
                        + " here; see the storage section of the access matrix.";
            }
            return "No declared path of bucket " + bucket.name() + " holds it (declared: " + bucket.patterns()
                    + "), and storage is denied by default: build keys from a declared path"
                    + " (StorageClient.privatePath().key(name), StoragePath.publicPath().key(name)).";
        }
        PathRule rule = found.get();
        String ruleText = "The path rule " + rule.describe();
        if (caller.guest()) {
            return rule.guest().contains(access)
                    ? ruleText + " lets guests " + access.word() + ", but the bucket's guest role does not:"
                            + " deploy the storage module again so the roles match the declaration."
                    : ruleText + " does not let guests " + access.word() + ": sign in first.";
        }
        if (rule.forGroup(caller.group()).contains(access)
                && !rule.authenticated().contains(access)) {
            return ruleText + " lets group " + caller.group() + " " + access.word() + ", but the group's role does"
                    + " not: deploy the storage module again so the roles match the declaration.";
        }
        if (rule.authenticated().contains(access)) {
            return ruleText + " lets signed-in users " + access.word() + ", but the authenticated role does not:"
                    + " deploy the storage module again so the roles match the declaration.";
        }
        Optional<String> owner = rule.identityIn(key);
        if (owner.isPresent() && rule.owner().contains(access)) {
            if (owner.get().equals(caller.identityId())) {
                return ruleText + " lets the owner " + access.word() + " here, but the authenticated role does"
                        + " not: deploy the storage module again so the roles match the declaration.";
            }
            if (caller.identityId() != null) {
                return ruleText + " lets only the owner " + access.word() + " under " + rule.prefixFor(owner.get())
                        + ", which is identity " + owner.get() + "'s; this caller is identity "
                        + caller.identityId() + ": use StorageClient.privatePath() or protectedPath() for your own"
                        + " files.";
            }
            return ruleText + " lets only the owner " + access.word() + " under " + rule.prefixFor(owner.get())
                    + ": use the caller's own path (StorageClient.privatePath() or protectedPath()).";
        }
        List<String> granted = rule.groups().entrySet().stream()
                .filter(g -> g.getValue().contains(access))
                .map(Map.Entry::getKey)
                .toList();
        if (!granted.isEmpty()) {
            String carried = caller.group() == null
                    ? "no group's role (its groups: " + caller.memberOf() + ")"
                    : "group " + caller.group() + "'s role, its lowest-precedence group with a role (its groups: "
                            + caller.memberOf() + ")";
            return ruleText + " lets only group" + (granted.size() == 1 ? " " : "s ") + String.join(", ", granted)
                    + " " + access.word() + " there, and " + caller.describe() + "'s credentials carry " + carried
                    + ": add the user to " + (granted.size() == 1 ? "that group" : "one of those groups")
                    + " in the user pool and sign in again (the group must have the lowest precedence of the"
                    + " user's groups with a role).";
        }
        return ruleText + " does not let " + caller.describe() + " " + access.word() + " there; change the"
                + " declaration (storage in fieldgate.json) and deploy if it should.";
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
