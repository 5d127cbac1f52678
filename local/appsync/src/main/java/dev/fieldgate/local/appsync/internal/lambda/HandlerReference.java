package dev.fieldgate.local.appsync.internal.lambda;

import dev.fieldgate.local.core.LocalConfigException;
import java.util.regex.Pattern;

/**
 * A Lambda Java handler string: {@code package.Class::method}, or {@code package.Class} for a class whose method is
 * {@code handleRequest} (a {@code RequestHandler} or {@code RequestStreamHandler}).
 */
public record HandlerReference(String className, String methodName) {

    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern METHOD_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

    /** The method Lambda calls when the handler string names only a class. */
    public static final String DEFAULT_METHOD = "handleRequest";

    public static HandlerReference parse(String handler) {
        if (handler == null || handler.isBlank()) {
            throw new LocalConfigException("The function's handler is empty; give it as package.Class::method, e.g. "
                    + "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest.");
        }
        String trimmed = handler.trim();
        int separator = trimmed.indexOf("::");
        String className = separator < 0 ? trimmed : trimmed.substring(0, separator);
        String methodName = separator < 0 ? DEFAULT_METHOD : trimmed.substring(separator + 2);
        if (!CLASS_NAME.matcher(className).matches()
                || !METHOD_NAME.matcher(methodName).matches()) {
            throw new LocalConfigException("The handler '" + handler + "' is not a Lambda Java handler; give it as "
                    + "package.Class::method or package.Class.");
        }
        return new HandlerReference(className, methodName);
    }

    @Override
    public String toString() {
        return className + "::" + methodName;
    }
}
