package dev.fieldgate.local.appsync.internal.lambda;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * The Lambda {@code Context} of one invocation. The function's own copy of aws-lambda-java-core defines the
 * interface (the stack never compiles against it, as the function's class loader is isolated), so the context is a
 * dynamic implementation of exactly that interface: the request id, the function's name, version, ARN, memory, log
 * group and stream as Lambda names them, the time left before the timeout, and a logger that writes to the stack's
 * log under {@code lambda.<function>}.
 */
final class LambdaContexts {

    private static final String LOGGER = "com.amazonaws.services.lambda.runtime.LambdaLogger";

    private LambdaContexts() {}

    static Object create(
            Class<?> contextType,
            LambdaFunction.Settings settings,
            long deadlineMillis,
            Clock clock,
            Logger log,
            java.util.function.Consumer<String> lines) {
        ClassLoader loader = contextType.getClassLoader();
        String requestId = UUID.randomUUID().toString();
        Object logger = logger(loader, log, requestId, lines);
        String streamName =
                LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString().replace('-', '/') + "/[$LATEST]"
                        + HexFormat.of().formatHex(randomBytes());
        InvocationHandler handler = (proxy, method, args) -> {
            return switch (method.getName()) {
                case "getAwsRequestId" -> requestId;
                case "getLogGroupName" -> "/aws/lambda/" + settings.functionName();
                case "getLogStreamName" -> streamName;
                case "getFunctionName" -> settings.functionName();
                case "getFunctionVersion" -> "$LATEST";
                case "getInvokedFunctionArn" ->
                    "arn:aws:lambda:" + settings.region() + ":" + settings.accountId() + ":function:"
                            + settings.functionName();
                case "getIdentity", "getClientContext" -> null;
                case "getRemainingTimeInMillis" -> (int) Math.max(0, deadlineMillis - clock.millis());
                case "getMemoryLimitInMB" -> settings.memoryMb();
                case "getLogger" -> logger;
                case "toString" -> "LambdaContext[" + requestId + "]";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> fallback(proxy, method, args);
            };
        };
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, handler);
    }

    private static Object logger(
            ClassLoader loader, Logger log, String requestId, java.util.function.Consumer<String> lines) {
        Class<?> loggerType;
        try {
            loggerType = Class.forName(LOGGER, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                Object message = args[0];
                String text = message instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.UTF_8)
                        : String.valueOf(message);
                // The function decides what it logs; like CloudWatch, the stack records it as written.
                log.info("[{}] {}", requestId, text.stripTrailing());
                lines.accept(text.stripTrailing());
                return null;
            }
            return switch (method.getName()) {
                case "toString" -> "LambdaLogger";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> fallback(proxy, method, args);
            };
        };
        return Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, handler);
    }

    private static Object fallback(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Class<?> type = method.getReturnType();
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
