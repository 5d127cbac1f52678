package dev.fieldgate.resolvers;

import dev.fieldgate.policy.Principal;
import dev.fieldgate.resolvers.internal.Immutables;
import java.util.List;
import java.util.Map;

/**
 * A caller admitted by the API's Lambda authorizer (auth mode {@code AWS_LAMBDA}).
 *
 * @param resolverContext what the authorizer returned as {@code resolverContext}
 */
public record LambdaAuthorizerIdentity(Map<String, Object> resolverContext) implements Identity {

    public LambdaAuthorizerIdentity {
        resolverContext = Immutables.map(resolverContext);
    }

    @Override
    public Kind kind() {
        return Kind.LAMBDA;
    }

    @Override
    public List<String> sourceIp() {
        return List.of();
    }

    @Override
    public Principal toPrincipal() {
        return Principal.lambda(resolverContext);
    }

    /** The authorizer's context may hold anything; only its keys are shown. */
    @Override
    public String toString() {
        return "LambdaAuthorizerIdentity[keys=" + resolverContext.keySet() + "]";
    }
}
