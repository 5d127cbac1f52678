package dev.fieldgate.verify;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.ConfigException;
import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.PolicyException;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.verify.internal.CallerCredentials;
import dev.fieldgate.verify.internal.StorageOutputs;
import dev.fieldgate.verify.internal.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Checks that a deployed environment is what its schema says: who is checking (STS), the AppSync API's auth
 * settings, the deployed schema (a semantic diff with the generated one), the resolvers and their data source, the
 * identity pool's roles and their exact {@code appsync:GraphQL} grants, and a guest call end to end. It reads only;
 * the one write it could cause is the guest call's refused operation, which AppSync refuses before any resolver runs.
 *
 * <pre>{@code
 * VerificationReport report = EnvironmentVerifier.builder()
 *         .outputsFile(Path.of("amplify_outputs.json"))     // Terraform's or ./fieldgate local's
 *         .schemaFile(Path.of("schema.graphql"))            // the app's schema, with its @auth rules
 *         .build()
 *         .verify();
 * }</pre>
 *
 * Endpoints come from the outputs file's {@code custom.fieldgate.endpoints} when it has them (the local stack), else
 * the AWS SDK's regional endpoints (IAM's global one). Credentials come from the AWS SDK's default chain unless given.
 * Immutable and thread-safe; every {@link #verify()} runs the checks afresh.
 */
public final class EnvironmentVerifier {

    private final OutputsFile outputs;
    private final FieldgateOutputs fieldgate;
    private final CompiledSchema schema;
    private final Optional<AppConfig> appConfig;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final boolean guestCall;
    private final Duration timeout;
    private final StorageOutputs storage;

    private EnvironmentVerifier(
            Builder builder,
            OutputsFile outputs,
            StorageOutputs storage,
            CompiledSchema schema,
            Optional<AppConfig> appConfig) {
        this.outputs = outputs;
        this.storage = storage;
        this.fieldgate = outputs.fieldgate().orElseThrow();
        this.schema = schema;
        this.appConfig = appConfig;
        this.credentials = builder.credentials != null ? builder.credentials : CallerCredentials.defaultFor(fieldgate);
        if (builder.region != null) {
            this.region = builder.region;
        } else if (outputs.data().isPresent() || outputs.auth().isPresent()) {
            this.region = outputs.region();
        } else {
            throw new VerifyException("the outputs file has no data.aws_region or auth.aws_region; give the region "
                    + "with region(...) (--region)");
        }
        this.guestCall = builder.guestCall;
        this.timeout = builder.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check and returns the report. Problems in the environment are failed checks, never exceptions. */
    public VerificationReport verify() {
        CallerCredentials.requirePresent(credentials, fieldgate);
        return Verification.run(outputs, schema, appConfig, credentials, region, guestCall, timeout, storage);
    }

    @Override
    public String toString() {
        return "EnvironmentVerifier[app=" + fieldgate.app() + ", apiId=" + fieldgate.apiId() + ", region=" + region
                + "]";
    }

    /** Builds an {@link EnvironmentVerifier}; {@link #build()} reads and checks the inputs. */
    public static final class Builder {
        private Path outputsFile;
        private String outputsJson;
        private Path schemaFile;
        private CompiledSchema schema;
        private Path appConfigFile;
        private String appConfigEnvironment;
        private AwsCredentialsProvider credentials;
        private String region;
        private boolean guestCall = true;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {}

        /** The environment's {@code amplify_outputs.json}. Required (or {@link #outputsJson(String)}). */
        public Builder outputsFile(Path file) {
            this.outputsFile = Objects.requireNonNull(file, "file");
            this.outputsJson = null;
            return this;
        }

        /** The outputs file's content. */
        public Builder outputsJson(String json) {
            this.outputsJson = Objects.requireNonNull(json, "json");
            this.outputsFile = null;
            return this;
        }

        /** The app's schema (with its {@code @auth} rules), compiled here. Required (or {@link #schema}). */
        public Builder schemaFile(Path file) {
            this.schemaFile = Objects.requireNonNull(file, "file");
            this.schema = null;
            return this;
        }

        /** An already compiled schema. */
        public Builder schema(CompiledSchema compiled) {
            this.schema = Objects.requireNonNull(compiled, "compiled");
            this.schemaFile = null;
            return this;
        }

        /**
         * The app's {@code fieldgate.json}, optional: with it the API's depth limit, introspection, field log level
         * and X-Ray setting are compared with what is deployed; without it they are reported.
         */
        public Builder appConfigFile(Path file) {
            this.appConfigFile = Objects.requireNonNull(file, "file");
            this.appConfigEnvironment = null;
            return this;
        }

        /**
         * The app's {@code fieldgate.json} with the environment's overlay {@code fieldgate.<environment>.json} merged
         * over it, as Terraform deploys that environment (docs/app-config.md#environment-overlays).
         */
        public Builder appConfigFile(Path file, String environment) {
            this.appConfigFile = Objects.requireNonNull(file, "file");
            this.appConfigEnvironment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** The credentials of the checking principal; the AWS SDK's default chain if not set. */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The region, when it must differ from the outputs file's. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Whether to make the guest call (on by default; skipped anyway when guests are off). */
        public Builder guestCall(boolean enabled) {
            this.guestCall = enabled;
            return this;
        }

        /** The time limit of each AWS call (30 s by default). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Builds the verifier, reading the outputs file, the schema and the app config.
         *
         * @throws VerifyException when the outputs file, the schema or the app config cannot be read
         */
        public EnvironmentVerifier build() {
            OutputsFile outputs;
            StorageOutputs storage;
            Optional<AppConfig> appConfig;
            try {
                if (outputsFile != null) {
                    outputs = OutputsFile.read(outputsFile);
                    storage = StorageOutputs.parse(readText(outputsFile));
                } else if (outputsJson != null) {
                    outputs = OutputsFile.parse(outputsJson);
                    storage = StorageOutputs.parse(outputsJson);
                } else {
                    throw new VerifyException("no outputs file: give outputsFile(...) (--outputs), the "
                            + "amplify_outputs.json of the environment to verify");
                }
                appConfig = appConfigFile == null
                        ? Optional.empty()
                        : Optional.of(
                                appConfigEnvironment == null
                                        ? AppConfig.read(appConfigFile)
                                        : AppConfig.read(appConfigFile, appConfigEnvironment));
            } catch (ConfigException e) {
                throw new VerifyException(e.getMessage(), e);
            }
            if (outputs.fieldgate().map(FieldgateOutputs::apiId).isEmpty()) {
                throw new VerifyException("the outputs file has no custom.fieldgate.api_id; it is not a Fieldgate "
                        + "outputs file (see docs/outputs-file.md)");
            }
            CompiledSchema compiled = schema;
            if (compiled == null) {
                Path file = schemaFile != null
                        ? schemaFile
                        : appConfig.flatMap(AppConfig::schema).orElse(null);
                if (file == null) {
                    throw new VerifyException("no schema: give schemaFile(...) (--schema), the app's schema.graphql "
                            + "the environment was deployed from");
                }
                if (!Files.isRegularFile(file)) {
                    throw new VerifyException("the schema file " + file + " does not exist");
                }
                try {
                    compiled = SchemaCompiler.create().compile(file);
                } catch (PolicyException e) {
                    throw new VerifyException("the schema " + file + " does not compile: " + e.getMessage(), e);
                }
            }
            return new EnvironmentVerifier(this, outputs, storage, compiled, appConfig);
        }

        private static String readText(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new VerifyException("the outputs file " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
