package dev.fieldgate.verify;

import dev.fieldgate.config.ConfigException;
import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.verify.internal.AwsClients;
import dev.fieldgate.verify.internal.CallerCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.appsync.model.OutputType;

/**
 * The schema a deployed API runs, downloaded with AppSync's {@code GetIntrospectionSchema} (SDL): what a client team
 * generates its typed operations from when it has no access to the app's build. Works against AWS and the local
 * stack alike; only the outputs file differs. The caller needs {@code appsync:GetIntrospectionSchema} on the API.
 *
 * <pre>{@code
 * String sdl = DeployedSchema.builder().outputsFile(Path.of("amplify_outputs.json")).build().download();
 * }</pre>
 */
public final class DeployedSchema {

    private final FieldgateOutputs fieldgate;
    private final String apiId;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final boolean includeDirectives;
    private final Duration timeout;

    private DeployedSchema(Builder b, OutputsFile outputs) {
        this.fieldgate = outputs.fieldgate()
                .orElseThrow(() -> new VerifyException("the outputs file has no custom.fieldgate section; it is not a "
                        + "Fieldgate outputs file (see docs/outputs-file.md)"));
        this.apiId = fieldgate.apiId();
        if (apiId == null) {
            throw new VerifyException("the outputs file has no custom.fieldgate.api_id: deploy the API (or start the "
                    + "local stack) and read its outputs file again");
        }
        this.region = b.region != null ? b.region : outputs.region();
        this.credentials = b.credentials != null ? b.credentials : CallerCredentials.defaultFor(fieldgate);
        this.includeDirectives = b.includeDirectives;
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The deployed schema as SDL.
     *
     * @throws VerifyException when AppSync cannot be reached or refuses (the message says why)
     */
    public String download() {
        CallerCredentials.requirePresent(credentials, fieldgate);
        try (AwsClients aws = new AwsClients(fieldgate, credentials, region, timeout)) {
            return aws.appSync()
                    .getIntrospectionSchema(
                            r -> r.apiId(apiId).format(OutputType.SDL).includeDirectives(includeDirectives))
                    .schema()
                    .asString(StandardCharsets.UTF_8);
        } catch (SdkException e) {
            throw new VerifyException(
                    "could not download the schema of API " + apiId + " in " + region + ": " + e.getMessage()
                            + " (the caller needs appsync:GetIntrospectionSchema; check the credentials and region)",
                    e);
        }
    }

    @Override
    public String toString() {
        return "DeployedSchema[apiId=" + apiId + ", region=" + region + "]";
    }

    /** Builds a {@link DeployedSchema}; the outputs file is required. */
    public static final class Builder {
        private Path outputsFile;
        private String outputsJson;
        private AwsCredentialsProvider credentials;
        private String region;
        private boolean includeDirectives = true;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {}

        /** The environment's {@code amplify_outputs.json}. */
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

        /** Whose permission downloads it; the AWS SDK's default chain if not set. */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The region, when it must differ from the outputs file's. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Keep AppSync's {@code @aws_*} directives in the SDL (default); code generators accept them. */
        public Builder includeDirectives(boolean include) {
            this.includeDirectives = include;
            return this;
        }

        /** The time limit of the AWS call (30 s by default). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Reads the outputs file.
         *
         * @throws VerifyException when it is missing, malformed or not a Fieldgate outputs file
         */
        public DeployedSchema build() {
            OutputsFile outputs;
            try {
                if (outputsFile != null) {
                    outputs = OutputsFile.read(outputsFile);
                } else if (outputsJson != null) {
                    outputs = OutputsFile.parse(outputsJson);
                } else {
                    throw new VerifyException("no outputs file: give outputsFile(...) (--outputs), the "
                            + "amplify_outputs.json of the deployed API");
                }
            } catch (ConfigException e) {
                throw new VerifyException(e.getMessage(), e);
            }
            return new DeployedSchema(this, outputs);
        }
    }
}
