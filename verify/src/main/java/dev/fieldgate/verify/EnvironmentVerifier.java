package dev.fieldgate.verify;

import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.PolicyException;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.verify.internal.AppSettings;
import dev.fieldgate.verify.internal.OutputsDocument;
import dev.fieldgate.verify.internal.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

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

    private final OutputsDocument outputs;
    private final CompiledSchema schema;
    private final AppSettings settings;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final boolean guestCall;
    private final Duration timeout;

    private EnvironmentVerifier(Builder builder, OutputsDocument outputs, CompiledSchema schema,
            AppSettings settings) {
        this.outputs = outputs;
        this.schema = schema;
        this.settings = settings;
        this.credentials = builder.credentials != null ? builder.credentials
                : DefaultCredentialsProvider.builder().build();
        this.region = builder.region != null ? builder.region : outputs.region();
        if (this.region == null) {
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
        return new Verification(outputs, schema, settings, credentials, region, guestCall, timeout).run();
    }

    @Override
    public String toString() {
        return "EnvironmentVerifier[app=" + outputs.app() + ", apiId=" + outputs.apiId() + ", region=" + region + "]";
    }

    /** Builds an {@link EnvironmentVerifier}; {@link #build()} reads and checks the inputs. */
    public static final class Builder {
        private Path outputsFile;
        private String outputsJson;
        private Path schemaFile;
        private CompiledSchema schema;
        private Path appConfigFile;
        private AwsCredentialsProvider credentials;
        private String region;
        private boolean guestCall = true;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {
        }

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
         * @throws VerifyException when the outputs file, the schema or the app config cannot be read
         */
        public EnvironmentVerifier build() {
            OutputsDocument outputs;
            if (outputsFile != null) {
                outputs = OutputsDocument.parse(read(outputsFile, "outputs file"), outputsFile.toString());
            } else if (outputsJson != null) {
                outputs = OutputsDocument.parse(outputsJson, "the outputs JSON");
            } else {
                throw new VerifyException("no outputs file: give outputsFile(...) (--outputs), the "
                        + "amplify_outputs.json of the environment to verify");
            }
            AppSettings settings = appConfigFile == null ? AppSettings.none() : AppSettings.read(appConfigFile);
            CompiledSchema compiled = schema;
            if (compiled == null) {
                Path file = schemaFile != null ? schemaFile : settings.schema().orElse(null);
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
            return new EnvironmentVerifier(this, outputs, compiled, settings);
        }

        private static String read(Path file, String what) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new VerifyException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
