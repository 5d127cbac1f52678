package dev.fieldgate.resolvers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fieldgate.policy.Decision;
import dev.fieldgate.policy.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler gets for one field (one item of a BatchInvoke): the event, the caller, the authorization the
 * runtime already decided, and typed access to arguments and source. Binding failures become
 * {@link ValidationException}s that name the argument, so handlers can bind without try/catch.
 */
public interface ResolverContext {

    AppSyncEvent event();

    /** {@code info.parentTypeName}. */
    default String typeName() {
        return event().typeName();
    }

    /** {@code info.fieldName}. */
    default String fieldName() {
        return event().fieldName();
    }

    /** The caller, typed by auth mode. */
    default Identity identity() {
        return event().identity();
    }

    /** The caller as the policy sees it. */
    Principal principal();

    /** The raw arguments. */
    default Map<String, Object> arguments() {
        return event().arguments();
    }

    /** Binds all arguments to a record or class ({@code record GetPinArgs(String id)}). */
    <A> A arguments(Class<A> type);

    /** Binds one argument ({@code argument("input", CreatePinInput.class)}); {@code null} when it is absent. */
    <T> T argument(String name, Class<T> type);

    /** The parent object of a nested field, or {@code null} at the root. */
    default Map<String, Object> source() {
        return event().source();
    }

    /** Binds the parent object of a nested field; {@code null} at the root. */
    <S> S source(Class<S> type);

    /** The policy's decision that let this handler run ({@code ALLOW}, or {@code ALLOW_IF_OWNER}). */
    Decision decision();

    /** What owner rules require of this field's write: the owner to stamp, or the condition on the stored record. */
    Ownership ownership();

    /** The Lambda context; empty when the function runs outside Lambda (tests, the local stack without one). */
    Optional<Context> lambdaContext();

    /** The invocation's request id (Lambda's, or a generated one): it is quoted in internal-error messages. */
    String requestId();
}
