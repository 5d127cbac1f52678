package dev.fieldgate.sdk.it;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.appsync.LocalFunction;
import dev.fieldgate.local.cognito.OutboxMessage;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The pins app on the whole local stack (Cognito, identity pool, AppSync and its real-time endpoint) with the
 * in-memory {@link dev.fieldgate.sdk.it.testfunction.PinsFunction} as its resolver function.
 */
public final class LocalStackSupport {

    /** The pins sample's app config: its schema, Cognito and API settings. */
    public static final Path PINS_APP_CONFIG = Path.of("../../samples/pins/fieldgate.json");

    /** Meets the pins pool's policy (8+ characters, upper, lower, digit). */
    public static final String PASSWORD = "Pins-Password-7";

    private LocalStackSupport() {}

    /** A new user, signed up with the code from the local outbox and signed in with SRP. */
    public static CognitoUserPoolAuth signedInUser(LocalStack stack, FieldgateConfig config) {
        CognitoUserPoolAuth auth = CognitoUserPoolAuth.builder().config(config).build();
        auth.signIn(confirmedUser(stack, auth), PASSWORD);
        return auth;
    }

    /** Signs up a new user (password {@link #PASSWORD}), confirms it with the code from the outbox, and returns its email. */
    public static String confirmedUser(LocalStack stack, CognitoUserPoolAuth auth) {
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        auth.signUp(email, PASSWORD, Map.of("email", email));
        auth.confirmSignUp(
                email,
                stack.cognito()
                        .outbox()
                        .latestTo(email, OutboxMessage.Kind.SIGN_UP_CODE)
                        .orElseThrow()
                        .code());
        return email;
    }

    /** The pins app in memory on a free port, with the tests' resolver function. */
    public static LocalStack start() {
        return LocalStack.builder()
                .appConfigFile(PINS_APP_CONFIG)
                .function(LocalFunction.builder()
                        .classPath(functionClassPath())
                        .handler("dev.fieldgate.sdk.it.testfunction.PinsFunction::handleRequest")
                        .timeout(Duration.ofSeconds(5))
                        .build())
                .inMemory()
                .port(0)
                .start();
    }

    /** The given app config (the pins app with changes) in memory on a free port, with the tests' resolver function. */
    public static LocalStack start(AppConfig config) {
        return LocalStack.builder()
                .config(config)
                .function(LocalFunction.builder()
                        .classPath(functionClassPath())
                        .handler("dev.fieldgate.sdk.it.testfunction.PinsFunction::handleRequest")
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
