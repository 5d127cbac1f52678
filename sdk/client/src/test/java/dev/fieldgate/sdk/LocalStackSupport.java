package dev.fieldgate.sdk;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.appsync.LocalFunction;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pins app on the whole local stack (Cognito, identity pool, AppSync and its real-time endpoint) with the
 * in-memory {@link dev.fieldgate.sdk.testfunction.PinsFunction} as its resolver function.
 */
public final class LocalStackSupport {

    private LocalStackSupport() {}

    public static LocalStack start() {
        return LocalStack.builder()
                .appConfigFile(LocalCognitoSupport.PINS_APP_CONFIG)
                .function(LocalFunction.builder()
                        .classPath(functionClassPath())
                        .handler("dev.fieldgate.sdk.testfunction.PinsFunction::handleRequest")
                        .timeout(Duration.ofSeconds(5))
                        .build())
                .inMemory()
                .port(0)
                .start();
    }

    /** The SDK's configuration from the stack's outputs file (only the endpoints differ from AWS). */
    public static FieldgateConfig config(LocalStack stack) {
        return FieldgateConfig.fromOutputsJson(stack.outputs().toJson());
    }

    /** The test classes and the libraries the function uses, as its Lambda artifact would carry them. */
    private static List<Path> functionClassPath() {
        List<Path> entries = new ArrayList<>();
        entries.add(Path.of("target", "test-classes").toAbsolutePath());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-core-")
                    || name.startsWith("jackson-databind-")
                    || name.startsWith("jackson-core-")
                    || name.startsWith("jackson-annotations-")) {
                entries.add(Path.of(entry));
            }
        }
        if (entries.size() != 5) {
            throw new IllegalStateException("the test class path lacks aws-lambda-java-core or Jackson: " + entries);
        }
        return entries;
    }
}
