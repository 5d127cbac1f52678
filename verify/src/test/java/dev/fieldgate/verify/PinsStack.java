package dev.fieldgate.verify;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.core.LocalAdminCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The pins sample on the local stack, as the pins client's tests run it: fieldgate.json with its resolver jar. */
final class PinsStack {

    static final Path APP_CONFIG = Path.of("..", "samples", "pins", "fieldgate.json");
    static final Path SCHEMA = Path.of("..", "samples", "pins", "schema.graphql");
    static final Path FUNCTION_JAR =
            Path.of("..", "samples", "pins", "resolvers", "target", "pins-resolvers-lambda.jar");

    private PinsStack() {}

    static LocalStack start() {
        if (!Files.isRegularFile(FUNCTION_JAR)) {
            throw new IllegalStateException(FUNCTION_JAR + " is missing: build the pins resolvers first "
                    + "(mvn -pl verify -am verify builds them)");
        }
        LocalStack stack = LocalStack.builder()
                .appConfigFile(APP_CONFIG)
                .inMemory()
                .port(0)
                .start();
        stack.functionReady().join();
        return stack;
    }

    static StaticCredentialsProvider admin(LocalStack stack) {
        LocalAdminCredentials admin = stack.adminCredentials();
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(admin.accessKeyId(), admin.secretAccessKey()));
    }

    static EnvironmentVerifier.Builder verifier(LocalStack stack) {
        return EnvironmentVerifier.builder()
                .outputsJson(stack.outputs().toJson())
                .schemaFile(SCHEMA)
                .appConfigFile(APP_CONFIG)
                .credentialsProvider(admin(stack));
    }
}
