package dev.fieldgate.resolvers;

import dev.fieldgate.policy.Principal;
import java.util.List;

/** A caller that used the API key: AppSync sends {@code identity: null} and nothing else about it. */
public record ApiKeyIdentity() implements Identity {

    private static final ApiKeyIdentity INSTANCE = new ApiKeyIdentity();

    public static ApiKeyIdentity instance() {
        return INSTANCE;
    }

    @Override
    public Kind kind() {
        return Kind.API_KEY;
    }

    @Override
    public List<String> sourceIp() {
        return List.of();
    }

    @Override
    public Principal toPrincipal() {
        return Principal.apiKey();
    }

    @Override
    public String toString() {
        return "ApiKeyIdentity";
    }
}
