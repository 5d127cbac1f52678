package dev.fieldgate.local.appsync.internal;

import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.Principal;
import java.util.Map;
import java.util.Objects;

/**
 * A request's verified caller: the auth mode it used, the principal the policy decides for, the {@code identity}
 * object a Direct Lambda event carries for it, and for IAM callers the role whose policy decides
 * {@code appsync:GraphQL} (null for the local administrator, whose access is unrestricted like an account
 * administrator's).
 *
 * @param identity the event's {@code identity}; null for API-key callers, as AppSync sends it
 * @param expiresAtMillis when the credentials stop being valid (token {@code exp}, credentials expiration), or
 *                        {@link Long#MAX_VALUE}
 */
public record Caller(
        AuthMode mode,
        Principal principal,
        Map<String, Object> identity,
        String roleArn,
        boolean administrator,
        long expiresAtMillis) {

    public Caller {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(principal, "principal");
    }

    public boolean isIam() {
        return mode == AuthMode.AWS_IAM;
    }

    @Override
    public String toString() {
        // The identity holds token claims; only the principal's safe summary is shown.
        return "Caller[" + mode + ", " + principal + "]";
    }
}
