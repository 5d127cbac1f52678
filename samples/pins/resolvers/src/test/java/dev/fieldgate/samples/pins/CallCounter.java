package dev.fieldgate.samples.pins;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the DynamoDB calls of every SDK client in the test JVM, by operation. The SDK loads it as a global
 * interceptor (test resource {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the function
 * under test runs unchanged.
 */
public final class CallCounter implements ExecutionInterceptor {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(operation, key -> new AtomicInteger()).incrementAndGet();
    }

    static int total() {
        return CALLS.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static int calls(String operation) {
        AtomicInteger count = CALLS.get(operation);
        return count == null ? 0 : count.get();
    }
}
