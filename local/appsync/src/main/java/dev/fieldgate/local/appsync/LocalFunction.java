package dev.fieldgate.local.appsync;

import dev.fieldgate.local.core.LocalConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The app's resolver function as the local stack runs it: its artifact (the Lambda jar, or a class path of jars
 * and class folders), its Lambda handler string, its environment and its timeout. {@code fieldgate.json}'s
 * {@code function} section gives the same; build one to run a function the config does not describe.
 *
 * <pre>{@code
 * LocalFunction function = LocalFunction.builder()
 *         .artifact(Path.of("target/app-lambda.jar"))
 *         .handler("org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest")
 *         .environment("MAIN_CLASS", "com.example.App")
 *         .build();
 * }</pre>
 *
 * Immutable.
 */
public final class LocalFunction {

    private final List<Path> classPath;
    private final String handler;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final int memoryMb;
    private final boolean snapStart;

    private LocalFunction(Builder builder) {
        this.classPath = List.copyOf(builder.classPath);
        this.handler = builder.handler;
        this.environment = Map.copyOf(builder.environment);
        this.timeout = builder.timeout;
        this.memoryMb = builder.memoryMb;
        this.snapStart = builder.snapStart;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The jars and class folders of the function, in order. */
    public List<Path> classPath() {
        return classPath;
    }

    /** The Lambda handler string, {@code package.Class::method}. */
    public String handler() {
        return handler;
    }

    /** The function's own environment ({@code fieldgate.json} {@code function.environment}). */
    public Map<String, String> environment() {
        return environment;
    }

    public Duration timeout() {
        return timeout;
    }

    public int memoryMb() {
        return memoryMb;
    }

    /** Whether the function runs as a SnapStart version: its CRaC runtime hooks run after its init. */
    public boolean snapStart() {
        return snapStart;
    }

    /** A builder with the same settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.classPath.addAll(classPath);
        builder.handler = handler;
        builder.environment.putAll(environment);
        builder.timeout = timeout;
        builder.memoryMb = memoryMb;
        builder.snapStart = snapStart;
        return builder;
    }

    @Override
    public String toString() {
        return "LocalFunction[" + handler + ", " + classPath + "]";
    }

    /** Builds a {@link LocalFunction}. */
    public static final class Builder {

        private final List<Path> classPath = new ArrayList<>();
        private String handler;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(10);
        private int memoryMb = 1024;
        private boolean snapStart = true;

        private Builder() {}

        /** The function's deployable jar (a flat "uber" jar, as Lambda takes it). Replaces any class path. */
        public Builder artifact(Path jar) {
            classPath.clear();
            classPath.add(Objects.requireNonNull(jar, "jar"));
            return this;
        }

        /** Jars and class folders, for a function not packaged as one jar. Replaces any artifact. */
        public Builder classPath(List<Path> entries) {
            classPath.clear();
            classPath.addAll(entries);
            return this;
        }

        /** The Lambda handler string, e.g. {@code com.example.Handler::handleRequest}. Required. */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** Lambda's timeout (10 s by default). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > 900) {
                throw new LocalConfigException("A Lambda timeout is 1 to 900 seconds, not " + timeout + ".");
            }
            this.timeout = timeout;
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            if (memoryMb < 128 || memoryMb > 10240) {
                throw new LocalConfigException("Lambda memory is 128 to 10240 MB, not " + memoryMb + ".");
            }
            this.memoryMb = memoryMb;
            return this;
        }

        /**
         * Whether the function runs as a SnapStart version (on by default, as the kit's Terraform publishes it): after
         * its init, the {@code beforeCheckpoint} hooks it registered through {@code org.crac} run, then its
         * {@code afterRestore} hooks, before its first invocation, as on Lambda.
         */
        public Builder snapStart(boolean enabled) {
            this.snapStart = enabled;
            return this;
        }

        public LocalFunction build() {
            if (classPath.isEmpty()) {
                throw new LocalConfigException("The function needs an artifact (a jar) or a class path.");
            }
            if (handler == null || handler.isBlank()) {
                throw new LocalConfigException("The function needs a handler, e.g. "
                        + "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest.");
            }
            return new LocalFunction(this);
        }
    }
}
