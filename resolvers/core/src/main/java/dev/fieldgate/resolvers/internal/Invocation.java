package dev.fieldgate.resolvers.internal;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fieldgate.policy.Decision;
import dev.fieldgate.policy.Principal;
import dev.fieldgate.resolvers.AppSyncEvent;
import dev.fieldgate.resolvers.Ownership;
import dev.fieldgate.resolvers.ResolverContext;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@link ResolverContext} of one field (one BatchInvoke item). */
public final class Invocation implements ResolverContext {

    private final AppSyncEvent event;
    private final Authorization authorization;
    private final Context lambdaContext;
    private final Supplier<String> requestId;
    private final Binder binder;

    public Invocation(
            AppSyncEvent event,
            Authorization authorization,
            Context lambdaContext,
            Supplier<String> requestId,
            Binder binder) {
        this.event = event;
        this.authorization = authorization;
        this.lambdaContext = lambdaContext;
        this.requestId = requestId;
        this.binder = binder;
    }

    @Override
    public AppSyncEvent event() {
        return event;
    }

    @Override
    public Principal principal() {
        return authorization.principal();
    }

    @Override
    public <A> A arguments(Class<A> type) {
        return binder.bind(event.arguments(), type, "");
    }

    @Override
    public <T> T argument(String name, Class<T> type) {
        return binder.bind(event.arguments().get(name), type, name);
    }

    @Override
    public <S> S source(Class<S> type) {
        return binder.bind(event.source(), type, "source");
    }

    @Override
    public Decision decision() {
        return authorization.decision();
    }

    @Override
    public Ownership ownership() {
        return authorization.ownership();
    }

    public Authorization authorization() {
        return authorization;
    }

    @Override
    public Optional<Context> lambdaContext() {
        return Optional.ofNullable(lambdaContext);
    }

    @Override
    public String requestId() {
        return requestId.get();
    }

    @Override
    public String toString() {
        return "ResolverContext[" + event + "]";
    }
}
