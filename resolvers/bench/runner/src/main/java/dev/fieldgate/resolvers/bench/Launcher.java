package dev.fieldgate.resolvers.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What a measured JVM runs: it calls a Lambda handler string ({@code Class::method}) the way the Lambda Java
 * runtime does — load the class, construct it once, call the stream handler with the event and a context — then
 * prints the answer on one marked line and exits. It depends on nothing but the JDK, so the class path of a run is
 * this jar plus the function's own.
 */
public final class Launcher {

    /** The line prefix the runner waits for; the time of its arrival ends a run. */
    public static final String ANSWER_MARKER = "FIELDGATE-COLD-START-ANSWER ";

    private Launcher() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 2 || !args[0].contains("::")) {
            throw new IllegalArgumentException("usage: Launcher <Class::method> <event.json>...");
        }
        String className = args[0].substring(0, args[0].indexOf("::"));
        String methodName = args[0].substring(args[0].indexOf("::") + 2);
        ClassLoader loader = Launcher.class.getClassLoader();

        Class<?> handlerType = Class.forName(className, true, loader);
        Object handler = handlerType.getDeclaredConstructor().newInstance();
        Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
        Object context = Proxy.newProxyInstance(
                loader, new Class<?>[] {contextType}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "cold-start-run";
                    case "getFunctionName" -> "cold-start";
                    case "getFunctionVersion" -> "$LATEST";
                    case "getRemainingTimeInMillis" -> 10_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    case "toString" -> "ColdStartContext";
                    default -> null;
                });
        Method handle = handlerType.getMethod(methodName, InputStream.class, OutputStream.class, contextType);
        // One event per measured run; a training run for a class archive passes several.
        for (int i = 1; i < args.length; i++) {
            byte[] event = Files.readAllBytes(Path.of(args[i]));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handle.invoke(handler, new ByteArrayInputStream(event), answer, context);
            System.out.println(ANSWER_MARKER + Base64.getEncoder().encodeToString(answer.toByteArray()));
            System.out.flush();
        }
        // A normal exit: a training run writes its class archive now.
        System.exit(0);
    }
}
