package dev.fieldgate.testing;

import dev.fieldgate.resolvers.ApiKeyIdentity;
import java.util.Map;

/** A caller with the API key (auth mode {@code API_KEY}), from {@link Callers#apiKey()}: {@code identity: null}. */
public final class ApiKeyCaller implements Caller {

    private String key = "da2-abcdefghijklmnopqrstuvwxyz";

    ApiKeyCaller() {}

    /** The key sent in {@code x-api-key}. */
    public ApiKeyCaller key(String key) {
        this.key = key;
        return this;
    }

    @Override
    public ApiKeyIdentity identity() {
        return ApiKeyIdentity.instance();
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("x-api-key", key);
    }

    @Override
    public String toString() {
        return "ApiKeyCaller";
    }
}
