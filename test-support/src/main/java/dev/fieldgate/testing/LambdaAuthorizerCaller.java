package dev.fieldgate.testing;

import dev.fieldgate.resolvers.LambdaAuthorizerIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A caller the API's Lambda authorizer admitted (auth mode {@code AWS_LAMBDA}), from
 * {@link Callers#lambdaAuthorizer()}: AppSync sends what the authorizer returned as {@code resolverContext}.
 */
public final class LambdaAuthorizerCaller implements Caller {

    private final Map<String, Object> resolverContext = new LinkedHashMap<>();
    private String token = "example-authorization-token";

    LambdaAuthorizerCaller() {}

    /** Adds one entry the authorizer returned in {@code resolverContext}. */
    public LambdaAuthorizerCaller context(String key, Object value) {
        resolverContext.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /** Replaces {@code resolverContext} with these entries. */
    public LambdaAuthorizerCaller resolverContext(Map<String, ?> entries) {
        resolverContext.clear();
        resolverContext.putAll(entries);
        return this;
    }

    /** The {@code authorization} header the authorizer was given. */
    public LambdaAuthorizerCaller token(String token) {
        this.token = token;
        return this;
    }

    @Override
    public LambdaAuthorizerIdentity identity() {
        return new LambdaAuthorizerIdentity(resolverContext);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("authorization", token);
    }

    @Override
    public String toString() {
        return "LambdaAuthorizerCaller[keys=" + resolverContext.keySet() + "]";
    }
}
