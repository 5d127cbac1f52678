package dev.fieldgate.config;

import dev.fieldgate.config.internal.AppConfigReader;
import dev.fieldgate.config.internal.AppConfigWriter;
import dev.fieldgate.config.internal.Checks;
import dev.fieldgate.config.internal.ConfigOverlay;
import dev.fieldgate.config.internal.Files2;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An app's {@code fieldgate.json} (docs/app-config.md): what the schema cannot say — the user pool and its app
 * clients, the identity pool, the AppSync API's settings and the resolver function. The local stack, {@code
 * fieldgate verify} and the kit's tools read it through this class, and Terraform reads the same file, so a local
 * environment and a deployed one are configured from identical values.
 *
 * <pre>{@code
 * AppConfig config = AppConfig.read(Path.of("fieldgate.json"));
 * AppConfig larger = config.toBuilder().api(new ApiConfig(null, false, 5, false, false, "ERROR")).build();
 * }</pre>
 *
 * <p>Immutable and validated when built; an unknown key anywhere in the file is an error, so a typo never falls back
 * silently to a default that differs from what Terraform deploys. Every {@link ConfigException} names the key.
 */
public final class AppConfig {

    private static final Pattern APP_NAME = Pattern.compile("[a-z][a-z0-9-]{1,30}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private final String app;
    private final String region;
    private final Path schema;
    private final UserPoolConfig userPool;
    private final IdentityPoolConfig identityPool;
    private final ApiConfig api;
    private final FunctionConfig function;
    private final String storageJson;

    private AppConfig(Builder b) {
        this.app = Checks.require(b.app, "app");
        if (!APP_NAME.matcher(app).matches()) {
            throw new ConfigException("app '" + app + "' must match [a-z][a-z0-9-]{1,30}, such as 'pins'.");
        }
        this.region = Checks.require(b.region, "region");
        if (!REGION.matcher(region).matches()) {
            throw new ConfigException("region '" + region + "' is not an AWS region name such as 'us-east-1'.");
        }
        this.schema = b.schema;
        this.userPool = Checks.require(b.userPool, "userPool");
        this.identityPool = b.identityPool;
        if (identityPool != null) {
            for (String client : identityPool.clients()) {
                if (userPool.client(client).isEmpty()) {
                    throw new ConfigException("identityPool.clients names '" + client + "', which is not in "
                            + "userPool.clients; write one of "
                            + userPool.clients().stream()
                                    .map(AppClientConfig::name)
                                    .toList() + ".");
                }
            }
        }
        this.api = b.api == null ? ApiConfig.DEFAULT : b.api;
        this.function = b.function;
        this.storageJson = b.storageJson;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads and validates a {@code fieldgate.json}; its relative paths ({@code schema}, {@code function.artifact})
     * are resolved against the file's folder.
     *
     * @throws ConfigException if the file is missing, not JSON, or invalid (the message names the key)
     */
    public static AppConfig read(Path file) {
        return AppConfigReader.read(file);
    }

    /**
     * Reads a {@code fieldgate.json} with an environment's overlay, {@code fieldgate.<environment>.json} beside it,
     * merged over it when it exists: objects merge key by key, arrays and other values replace, {@code null} is
     * refused (docs/app-config.md). Terraform's app-config module merges the same files by the same rules, so a local
     * stack started with an environment runs the config that environment deploys.
     *
     * @param environment such as {@code dev}, {@code staging} or {@code prod}; null reads the file alone
     * @throws ConfigException if a file is missing or not JSON, the overlay holds a null, or the merged config is
     *     invalid (the message names the key)
     */
    public static AppConfig read(Path file, String environment) {
        return environment == null ? read(file) : AppConfigReader.read(file, environment);
    }

    /** The overlay file of {@code environment}: {@code fieldgate.<environment>.json} beside {@code file}. */
    public static Path overlayFile(Path file, String environment) {
        return ConfigOverlay.overlayFile(file, environment);
    }

    /** Reads the JSON text of a {@code fieldgate.json} whose relative paths resolve against {@code folder}. */
    public static AppConfig parse(String json, Path folder) {
        return AppConfigReader.parse(json, folder, "the app config");
    }

    /** The JSON text of this config, its paths written relative to {@code folder}; {@link #parse} reads it back. */
    public String toJson(Path folder) {
        return AppConfigWriter.write(this, folder);
    }

    /** Writes this config atomically; paths are written relative to the file's folder. */
    public void writeTo(Path file) {
        Path target = file.toAbsolutePath();
        Files2.writeAtomically(target, toJson(target.getParent()));
    }

    public Builder toBuilder() {
        return new Builder()
                .app(app)
                .region(region)
                .schema(schema)
                .userPool(userPool)
                .identityPool(identityPool)
                .api(api)
                .function(function)
                .storageJson(storageJson);
    }

    /** The app's short name; it prefixes every resource name. */
    public String app() {
        return app;
    }

    public String region() {
        return region;
    }

    /** The GraphQL schema, when the config names one. */
    public Optional<Path> schema() {
        return Optional.ofNullable(schema);
    }

    public UserPoolConfig userPool() {
        return userPool;
    }

    public Optional<IdentityPoolConfig> identityPool() {
        return Optional.ofNullable(identityPool);
    }

    /** Whether the identity pool hands out guest (unauthenticated) credentials, hence whether a guest role exists. */
    public boolean guestsEnabled() {
        return identityPool != null && identityPool.allowUnauthenticatedIdentities();
    }

    public ApiConfig api() {
        return api;
    }

    /** The API's name: {@code api.name}, or the app's name. */
    public String apiName() {
        return api.name() != null ? api.name() : app;
    }

    public Optional<FunctionConfig> function() {
        return Optional.ofNullable(function);
    }

    /**
     * The {@code storage} section as JSON text, or empty when the app stores no files. The policy module reads it
     * ({@code StoragePolicy.parse}), which checks its keys and derives the roles' grants.
     */
    public Optional<String> storageJson() {
        return Optional.ofNullable(storageJson);
    }

    @Override
    public String toString() {
        return "AppConfig[app=" + app + ", region=" + region + ", userPool=" + userPool.name() + ", identityPool="
                + (identityPool == null ? "none" : identityPool.name()) + "]";
    }

    /** Builds an {@link AppConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String app;
        private String region;
        private Path schema;
        private UserPoolConfig userPool;
        private IdentityPoolConfig identityPool;
        private ApiConfig api;
        private FunctionConfig function;
        private String storageJson;

        private Builder() {}

        public Builder app(String app) {
            this.app = app;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder schema(Path schema) {
            this.schema = schema;
            return this;
        }

        public Builder userPool(UserPoolConfig userPool) {
            this.userPool = userPool;
            return this;
        }

        /** Null: no identity pool (no guest or identity-pool credentials). */
        public Builder identityPool(IdentityPoolConfig identityPool) {
            this.identityPool = identityPool;
            return this;
        }

        public Builder api(ApiConfig api) {
            this.api = api;
            return this;
        }

        public Builder function(FunctionConfig function) {
            this.function = function;
            return this;
        }

        /** The {@code storage} section as JSON text; null: no storage. */
        public Builder storageJson(String storageJson) {
            this.storageJson = storageJson;
            return this;
        }

        /**
         * Builds the app configuration.
         *
         * @throws ConfigException naming the key that is invalid
         */
        public AppConfig build() {
            return new AppConfig(this);
        }
    }
}
