package dev.fieldgate.local.core.internal.sigv4;

import java.util.Locale;

/** Whether identity-pool credentials belong to a guest or a signed-in identity (AppSync's cognitoIdentityAuthType). */
public enum CognitoAuthType {
    AUTHENTICATED,
    UNAUTHENTICATED;

    /** {@code authenticated} / {@code unauthenticated}, as AppSync and the OpenID token's {@code amr} spell it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
