package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;

/**
 * Reads a JWT's claims <em>without verifying it</em>. The SDK only uses them to know when a token expires and
 * whom it names; the API verifies every token it receives.
 */
public final class JwtClaims {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtClaims() {}

    /** The payload's claims, or an empty map if the token is not a JWT. */
    public static Map<String, Object> read(String jwt) {
        if (jwt == null) {
            return Map.of();
        }
        int first = jwt.indexOf('.');
        int second = first < 0 ? -1 : jwt.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            return Map.of();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(jwt.substring(first + 1, second));
            return Collections.unmodifiableMap(JSON.readValue(payload, new TypeReference<Map<String, Object>>() {}));
        } catch (IllegalArgumentException | IOException e) {
            return Map.of();
        }
    }
}
