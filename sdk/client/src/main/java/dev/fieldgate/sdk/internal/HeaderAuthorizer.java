package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.AuthMode;
import dev.fieldgate.sdk.NotAuthenticatedException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** A mode that authorizes with one header holding a token or key (user pools, OIDC, Lambda, API key). */
public final class HeaderAuthorizer implements AppSyncAuthorizer {

    private final AuthMode mode;
    private final String header;
    private final Supplier<String> token;

    public HeaderAuthorizer(AuthMode mode, String header, Supplier<String> token) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.header = Objects.requireNonNull(header, "header");
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public AuthMode mode() {
        return mode;
    }

    @Override
    public Map<String, String> authorize(AppSyncHttpRequest request) {
        String value = token.get();
        if (value == null || value.isBlank()) {
            throw new NotAuthenticatedException(
                    NotAuthenticatedException.Reason.MISSING_AUTHORIZATION,
                    "No token for " + mode + " mode: the token supplier returned nothing. Sign in first.");
        }
        return Map.of(header, value);
    }

    @Override
    public String toString() {
        return "AppSyncAuthorizer[" + mode + ", header " + header + "]";
    }
}
