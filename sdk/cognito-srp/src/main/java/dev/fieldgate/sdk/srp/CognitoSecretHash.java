package dev.fieldgate.sdk.srp;

import java.util.Base64;
import java.util.Objects;

/**
 * Cognito's {@code SECRET_HASH}: {@code Base64(HMAC-SHA256(key = clientSecret, message = username + clientId))},
 * required from app clients that have a secret.
 */
public final class CognitoSecretHash {

    private CognitoSecretHash() {}

    public static String compute(String username, String clientId, String clientSecret) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        byte[] mac = CognitoSrp.hmacSha256(CognitoSrp.utf8(clientSecret), CognitoSrp.utf8(username + clientId));
        return Base64.getEncoder().encodeToString(mac);
    }
}
