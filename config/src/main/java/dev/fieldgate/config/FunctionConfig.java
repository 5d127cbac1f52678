package dev.fieldgate.config;

import dev.fieldgate.config.internal.Checks;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code function}: the resolver function. {@code artifact} is resolved against the config file's folder;
 * {@code runtime} null leaves the choice to whoever deploys (the Terraform module's default).
 */
public record FunctionConfig(
        Path artifact,
        String handler,
        String runtime,
        int memoryMb,
        int timeoutSeconds,
        Map<String, String> environment) {

    private static final Set<String> RUNTIMES = Set.of("java17", "java21", "java25");

    public static final int DEFAULT_MEMORY_MB = 512;
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;

    /** @throws ConfigException naming the key that is invalid */
    public FunctionConfig {
        Checks.require(artifact, "function.artifact");
        Checks.require(handler, "function.handler");
        if (handler.isBlank()) {
            throw new ConfigException("function.handler is empty; write the Lambda handler string, such as "
                    + "'org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest'.");
        }
        if (runtime != null) {
            Checks.oneOf(runtime, RUNTIMES, "function.runtime");
        }
        Checks.range(memoryMb, 128, 10240, "function.memoryMb");
        Checks.range(timeoutSeconds, 1, 900, "function.timeoutSeconds");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public Optional<String> runtimeName() {
        return Optional.ofNullable(runtime);
    }
}
