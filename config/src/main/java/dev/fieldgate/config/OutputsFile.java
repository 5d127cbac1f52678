package dev.fieldgate.config;

import dev.fieldgate.config.internal.Files2;
import dev.fieldgate.config.internal.OutputsReader;
import dev.fieldgate.config.internal.OutputsWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The outputs file ({@code amplify_outputs.json}, docs/outputs-file.md): an environment's client configuration in
 * AWS Amplify Gen 2's format (version {@value #VERSION}) plus Fieldgate's {@code custom.fieldgate}. Terraform and the
 * local stack write it; the SDK, {@code fieldgate verify} and Amplify read it. It never holds secrets.
 *
 * <pre>{@code
 * OutputsFile outputs = OutputsFile.read(Path.of("amplify_outputs.json"));
 * String region = outputs.region();
 * }</pre>
 *
 * <p>Immutable. Reading tolerates keys it does not know (the format is Amplify's and grows); writing produces only
 * the sections below.
 */
public final class OutputsFile {

    /** The format version written. Readers accept any {@code 1.x}. */
    public static final String VERSION = "1.4";

    private final String version;
    private final AuthOutputs auth;
    private final DataOutputs data;
    private final StorageOutputs storage;
    private final FieldgateOutputs fieldgate;

    private OutputsFile(Builder b) {
        this.version = b.version == null ? VERSION : b.version;
        this.auth = b.auth;
        this.data = b.data;
        this.storage = b.storage;
        this.fieldgate = b.fieldgate;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .version(version)
                .auth(auth)
                .data(data)
                .storage(storage)
                .fieldgate(fieldgate);
    }

    /**
     * Reads the outputs file.
     *
     * @throws ConfigException if the file is missing, not JSON, of another major version, or malformed
     */
    public static OutputsFile read(Path file) {
        return OutputsReader.parse(
                Files2.read(
                        file,
                        "outputs file",
                        "run './fieldgate local' (local stack) or "
                                + "'terraform output -json amplify_outputs' (AWS) to write it"),
                file.toString());
    }

    /** Reads the file's JSON text. */
    public static OutputsFile parse(String json) {
        return OutputsReader.parse(json, "the outputs JSON");
    }

    public String toJson() {
        return OutputsWriter.write(this);
    }

    /** Writes the file atomically (a reader never sees half a file). */
    public void writeTo(Path file) {
        Files2.writeAtomically(file.toAbsolutePath(), toJson());
    }

    public String version() {
        return version;
    }

    public Optional<AuthOutputs> auth() {
        return Optional.ofNullable(auth);
    }

    public Optional<DataOutputs> data() {
        return Optional.ofNullable(data);
    }

    /** {@code storage}: the app's buckets and their paths; absent when the app stores no files. */
    public Optional<StorageOutputs> storage() {
        return Optional.ofNullable(storage);
    }

    /** {@code custom.fieldgate}; absent in an outputs file Amplify wrote. */
    public Optional<FieldgateOutputs> fieldgate() {
        return Optional.ofNullable(fieldgate);
    }

    /**
     * The region: {@code data.aws_region}, else {@code auth.aws_region}.
     *
     * @throws ConfigException when neither is there
     */
    public String region() {
        if (data != null) {
            return data.awsRegion();
        }
        if (auth != null) {
            return auth.awsRegion();
        }
        throw new ConfigException("The outputs file has neither data.aws_region nor auth.aws_region; regenerate it "
                + "with './fieldgate local' or 'terraform output -json amplify_outputs'.");
    }

    @Override
    public String toString() {
        return "OutputsFile[version=" + version + ", app=" + (fieldgate == null ? "?" : fieldgate.app())
                + ", environment=" + (fieldgate == null ? "?" : fieldgate.environment()) + "]";
    }

    /** Builds an {@link OutputsFile}. */
    public static final class Builder {
        private String version;
        private AuthOutputs auth;
        private DataOutputs data;
        private StorageOutputs storage;
        private FieldgateOutputs fieldgate;

        private Builder() {}

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder auth(AuthOutputs auth) {
            this.auth = auth;
            return this;
        }

        public Builder data(DataOutputs data) {
            this.data = data;
            return this;
        }

        public Builder storage(StorageOutputs storage) {
            this.storage = storage;
            return this;
        }

        public Builder fieldgate(FieldgateOutputs fieldgate) {
            this.fieldgate = fieldgate;
            return this;
        }

        public OutputsFile build() {
            return new OutputsFile(this);
        }
    }
}
