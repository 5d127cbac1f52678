package dev.fieldgate.local;

import dev.fieldgate.local.appsync.LambdaErrorStyle;
import dev.fieldgate.local.appsync.LocalFunction;
import dev.fieldgate.local.cognito.CognitoConfig;
import dev.fieldgate.local.cognito.IssuerStyle;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.local.core.LocalConfigException;
import dev.fieldgate.local.core.LocalStackException;
import dev.fieldgate.local.core.LocalStateException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.appsync.internal.GraphQlEngine;
import dev.fieldgate.local.appsync.internal.GraphQlHttpHandler;
import dev.fieldgate.local.appsync.internal.RequestAuthenticator;
import dev.fieldgate.local.appsync.internal.UserPoolTokenVerifier;
import dev.fieldgate.local.cognito.internal.CognitoStack;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityPool;
import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.controlplane.internal.ApiDescription;
import dev.fieldgate.local.controlplane.internal.ControlPlane;
import dev.fieldgate.local.internal.dynamodb.DynamoDbLocalService;
import dev.fieldgate.local.core.internal.http.LocalHttpServer;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.local.appsync.internal.lambda.HandlerReference;
import dev.fieldgate.local.appsync.internal.lambda.LambdaFunction;
import dev.fieldgate.local.appsync.internal.realtime.RealtimeEndpoint;
import dev.fieldgate.local.appsync.internal.realtime.SubscriptionHub;
import dev.fieldgate.local.internal.stack.AppConfigFile;
import dev.fieldgate.local.internal.stack.StackFiles;
import dev.fieldgate.local.core.internal.state.DirectoryStateStore;
import dev.fieldgate.local.core.internal.state.MemoryStateStore;
import dev.fieldgate.local.core.internal.state.StateStore;
import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.DefaultAction;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole app on one port, the way it runs on AWS: a Cognito user pool and identity pool, an AppSync GraphQL
 * endpoint ({@code /graphql}) and its real-time endpoint ({@code /graphql/realtime}) with AppSync's authorization,
 * the app's resolver function run in-process through its Lambda handler string, and DynamoDB Local with the app's
 * tables. Real AWS clients (the SDKs, Amplify, the kit's SDK) use it unchanged, pointed at {@link #endpoint()}.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder()
 *         .appConfigFile(Path.of("samples/pins/fieldgate.json"))
 *         .inMemory()
 *         .start()) {
 *     URI graphql = stack.graphqlEndpoint();          // http://127.0.0.1:<port>/graphql
 *     String poolId = stack.cognito().userPoolId();
 *     OutputsFile outputs = stack.outputs();           // amplify_outputs.json for clients
 * }
 * }</pre>
 *
 * <p>Start it from {@code fieldgate.json} (schema, function, API settings and Cognito declarations, exactly what
 * Terraform deploys) and override any part with the builder. At start the schema is compiled with the policy
 * module: the deployable schema is what the endpoint executes, the manifest's grants become the identity pool roles'
 * IAM policies (as Terraform writes them), its tables are created in DynamoDB Local (physical name
 * {@code <prefix><name>}, prefix {@code <app>-local-} by default), and its resolvers are called on the function.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final String API_DOC = "appsync/api.json";
    private static final String ROLE_POLICIES_DOC = "iam/role-policies.json";

    private final LocalHttpServer server;
    private final StateStore store;
    private final LocalCognito cognito;
    private final CognitoStack cognitoStack;
    private final DynamoDbLocalService dynamoDb;
    private final AtomicReference<LambdaFunction> function;
    private final SubscriptionHub hub;
    private final RealtimeEndpoint realtime;
    private final CompiledSchema compiled;
    private final ApiAuthorization api;
    private final String apiId;
    private final String apiKey;
    private final String tablePrefix;
    private final AtomicReference<RolePolicies> rolePolicies;
    private final OutputsFile outputs;
    private final Path outputsFile;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(Parts parts) {
        this.server = parts.server;
        this.store = parts.store;
        this.cognito = parts.cognito;
        this.cognitoStack = parts.cognitoStack;
        this.dynamoDb = parts.dynamoDb;
        this.function = parts.function;
        this.hub = parts.hub;
        this.realtime = parts.realtime;
        this.compiled = parts.compiled;
        this.api = parts.api;
        this.apiId = parts.apiId;
        this.apiKey = parts.apiKey;
        this.tablePrefix = parts.tablePrefix;
        this.rolePolicies = parts.rolePolicies;
        this.outputs = parts.outputs;
        this.outputsFile = parts.outputsFile;
        this.startupTime = parts.startupTime;
    }

    /** Everything {@link Builder#start()} opens, closed in reverse if a later step fails. */
    private static final class Parts {
        LocalHttpServer server;
        StateStore store;
        LocalCognito cognito;
        CognitoStack cognitoStack;
        DynamoDbLocalService dynamoDb;
        AtomicReference<LambdaFunction> function = new AtomicReference<>();
        SubscriptionHub hub;
        RealtimeEndpoint realtime;
        CompiledSchema compiled;
        ApiAuthorization api;
        String apiId;
        String apiKey;
        String tablePrefix;
        AtomicReference<RolePolicies> rolePolicies;
        OutputsFile outputs;
        Path outputsFile;
        Duration startupTime;

        void closeQuietly(Exception failure) {
            List<AutoCloseable> open = new ArrayList<>();
            open.add(function.get());
            open.add(realtime);
            open.add(hub);
            open.add(server == null ? null : server::close);
            open.add(dynamoDb);
            open.add(store);
            for (AutoCloseable part : open) {
                if (part == null) {
                    continue;
                }
                try {
                    part.close();
                } catch (Exception suppressed) {
                    failure.addSuppressed(suppressed);
                }
            }
        }
    }

    /** A builder with the defaults: in-memory state, a free port on 127.0.0.1. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------ where

    /** The base URL of every endpoint: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return server.baseUri();
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>/graphql}: the outputs file's {@code data.url}. */
    public URI graphqlEndpoint() {
        return URI.create(endpoint() + "/graphql");
    }

    /** {@code ws://127.0.0.1:<port>/graphql/realtime}: AppSync's real-time protocol. */
    public URI realtimeEndpoint() {
        return URI.create("ws://" + endpoint().getAuthority() + RealtimeEndpoint.PATH);
    }

    /** The endpoint override for DynamoDB clients (the same port). */
    public URI dynamoDbEndpoint() {
        return endpoint();
    }

    // ------------------------------------------------------------------------------------------ what

    /** The Cognito part: pool ids, app clients, roles, the outbox of verification codes, the admin key. */
    public LocalCognito cognito() {
        return cognito;
    }

    public String region() {
        return cognitoStack.config().region();
    }

    /** The app's name from the config. */
    public String app() {
        return cognitoStack.config().app();
    }

    /** The local 12-digit account id in every ARN. */
    public String accountId() {
        return cognitoStack.registry().accountId();
    }

    /** The AppSync API id (26 characters, kept in the state). */
    public String apiId() {
        return apiId;
    }

    /** {@code arn:aws:appsync:<region>:<account>:apis/<apiId>}, the prefix of IAM field ARNs. */
    public String apiArn() {
        return "arn:aws:appsync:" + region() + ":" + accountId() + ":apis/" + apiId;
    }

    /** The API key, when the app enables {@code API_KEY} and {@code api.apiKey}. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** The API's auth modes and user-pool default action. */
    public ApiAuthorization authorization() {
        return api;
    }

    /** The local administrator's key pair (SigV4, any service): Cognito admin operations, DynamoDB, IAM callers. */
    public LocalAdminCredentials adminCredentials() {
        return cognitoStack.registry().administrator();
    }

    /** The prefix of every physical table name ({@code FIELDGATE_TABLE_PREFIX}). */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** The physical name of a manifest table. */
    public String tableName(String logicalName) {
        return tablePrefix + Objects.requireNonNull(logicalName, "logicalName");
    }

    /** The compiled schema: the deployable schema the endpoint executes, the manifest and the access policy. */
    public CompiledSchema schema() {
        return compiled;
    }

    public Manifest manifest() {
        return compiled.manifest();
    }

    public AccessPolicy policy() {
        return compiled.policy();
    }

    /**
     * The IAM permission policies of the identity pool's roles, as Terraform attaches them, plus any inline policy
     * added since through IAM's {@code PutRolePolicy}: role ARN to policy name to policy document (JSON). The
     * endpoint decides IAM callers' {@code appsync:GraphQL} with exactly these.
     */
    public Map<String, Map<String, String>> rolePolicies() {
        Map<String, Map<String, String>> byRole = new LinkedHashMap<>();
        rolePolicies.get().byRole().forEach((role, policies) -> {
            Map<String, String> named = new LinkedHashMap<>();
            policies.forEach(p -> named.put(p.policyName(), p.document().json()));
            byRole.put(role, java.util.Collections.unmodifiableMap(named));
        });
        return java.util.Collections.unmodifiableMap(byRole);
    }

    /** The client configuration ({@code amplify_outputs.json}) of this stack. */
    public OutputsFile outputs() {
        return outputs;
    }

    /** Where the outputs file was written, if the builder named a file. */
    public Optional<Path> outputsFile() {
        return Optional.ofNullable(outputsFile);
    }

    /** The state directory, if state is kept between runs. */
    public Optional<Path> stateDirectory() {
        return store instanceof DirectoryStateStore directory ? Optional.of(directory.root()) : Optional.empty();
    }

    /** How long {@link Builder#start()} took, from reading the config to listening with the tables in place. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Completes when the resolver function has finished its init phase (it starts in the background when the stack
     * starts; the first request that needs it waits for it). Completes at once when there is no function.
     */
    public CompletableFuture<Void> functionReady() {
        LambdaFunction current = function.get();
        return current == null ? CompletableFuture.completedFuture(null) : current.initialized();
    }

    /** The number of open subscriptions over all real-time connections. */
    public int openSubscriptions() {
        return hub.size();
    }

    /** Stops everything; data in a state directory stays for the next start. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LambdaFunction current = function.get();
        if (current != null) {
            current.close();
        }
        realtime.close();
        hub.close();
        try {
            server.close();
        } finally {
            try {
                dynamoDb.close();
            } finally {
                store.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalStack[" + endpoint() + ", app=" + app() + ", api=" + apiId + "]";
    }

    /**
     * Configures a {@link LocalStack}. Builders are immutable: every method returns a new builder.
     */
    public static final class Builder implements Cloneable {

        private Path appConfigFile;
        private CognitoConfig cognitoConfig;
        private Path schemaFile;
        private String schemaText;
        private ApiAuthorization authorization;
        private DefaultAction userPoolDefaultAction;
        private String appIdClientRegex;
        private Boolean apiKeyEnabled;
        private Integer queryDepthLimit;
        private Boolean introspection;
        private LocalFunction function;
        private boolean withoutFunction;
        private LambdaErrorStyle lambdaErrorStyle = LambdaErrorStyle.FUNCTION_ERROR_TYPE;
        private Path stateDirectory;
        private boolean fresh;
        private int port;
        private String bindAddress = "127.0.0.1";
        private Path outputsFile;
        private Clock clock = Clock.systemUTC();
        private Duration keepAlive = Duration.ofMinutes(1);
        private String tablePrefix;
        private int maxBodyBytes = 1 << 20;
        private int maxQueryTokens = 15_000;
        private int maxThreads = 200;

        private Builder() {
        }

        private Builder copy() {
            try {
                return (Builder) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        /**
         * The app's {@code fieldgate.json}: Cognito declarations, the schema, the function and the API settings.
         * Anything set explicitly on the builder wins over the file.
         */
        public Builder appConfigFile(Path file) {
            Builder b = copy();
            b.appConfigFile = Objects.requireNonNull(file, "file");
            return b;
        }

        /** The Cognito declarations (app name and region included), instead of the config file's. */
        public Builder cognito(CognitoConfig config) {
            Builder b = copy();
            b.cognitoConfig = Objects.requireNonNull(config, "config");
            return b;
        }

        /** The GraphQL schema file (AppSync directives and Fieldgate rules), instead of the config file's. */
        public Builder schemaFile(Path file) {
            Builder b = copy();
            b.schemaFile = Objects.requireNonNull(file, "file");
            b.schemaText = null;
            return b;
        }

        /** The GraphQL schema as text. */
        public Builder schema(String sdl) {
            Builder b = copy();
            b.schemaText = Objects.requireNonNull(sdl, "sdl");
            b.schemaFile = null;
            return b;
        }

        /**
         * The API's auth modes and user-pool default action, instead of the schema's {@code @api} directive (the
         * schema is then compiled for these modes).
         */
        public Builder authorization(ApiAuthorization authorization) {
            Builder b = copy();
            b.authorization = Objects.requireNonNull(authorization, "authorization");
            return b;
        }

        /** Only the user-pool default action, keeping the modes of the schema. */
        public Builder userPoolDefaultAction(DefaultAction action) {
            Builder b = copy();
            b.userPoolDefaultAction = Objects.requireNonNull(action, "action");
            return b;
        }

        /**
         * The API's {@code AppIdClientRegex}. By default, as in the Terraform example, the app's own clients:
         * {@code ^(<id1>|<id2>|...)$}.
         */
        public Builder appIdClientRegex(String regex) {
            Builder b = copy();
            b.appIdClientRegex = Objects.requireNonNull(regex, "regex");
            Pattern.compile(regex);
            return b;
        }

        /** Whether the API has an API key ({@code api.apiKey}); the modes must include {@code API_KEY} too. */
        public Builder apiKey(boolean enabled) {
            Builder b = copy();
            b.apiKeyEnabled = enabled;
            return b;
        }

        /** AppSync's query depth limit, 1 to 75, or 0 for none ({@code api.queryDepthLimit}). */
        public Builder queryDepthLimit(int limit) {
            if (limit < 0 || limit > 75) {
                throw new LocalConfigException("The query depth limit is 0 (none) to 75, not " + limit + ".");
            }
            Builder b = copy();
            b.queryDepthLimit = limit;
            return b;
        }

        /** Introspection on or off ({@code api.introspection}). */
        public Builder introspection(boolean enabled) {
            Builder b = copy();
            b.introspection = enabled;
            return b;
        }

        /** The resolver function, instead of the config file's. */
        public Builder function(LocalFunction function) {
            Builder b = copy();
            b.function = Objects.requireNonNull(function, "function");
            b.withoutFunction = false;
            return b;
        }

        /** Run without a resolver function: every resolver field resolves to null. */
        public Builder withoutFunction() {
            Builder b = copy();
            b.function = null;
            b.withoutFunction = true;
            return b;
        }

        /** The error type of a field whose resolver function threw; see {@link LambdaErrorStyle}. */
        public Builder lambdaErrorStyle(LambdaErrorStyle style) {
            Builder b = copy();
            b.lambdaErrorStyle = Objects.requireNonNull(style, "style");
            return b;
        }

        /** Keep state only in memory (the default): users, keys and data are gone after {@link #close()}. */
        public Builder inMemory() {
            Builder b = copy();
            b.stateDirectory = null;
            return b;
        }

        /**
         * Keep state in a directory: users, signing keys, issued credentials, the API id and key, the roles'
         * policies and the DynamoDB data survive a restart. One stack at a time may use a directory.
         */
        public Builder stateDirectory(Path directory) {
            Builder b = copy();
            b.stateDirectory = Objects.requireNonNull(directory, "directory");
            return b;
        }

        /** Empty the state directory before starting. */
        public Builder fresh(boolean fresh) {
            Builder b = copy();
            b.fresh = fresh;
            return b;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new LocalConfigException("port must be 0 to 65535, not " + port + ".");
            }
            Builder b = copy();
            b.port = port;
            return b;
        }

        /** The address to bind; 127.0.0.1 by default, so nothing outside this machine can reach the stack. */
        public Builder bindAddress(String address) {
            Builder b = copy();
            b.bindAddress = Objects.requireNonNull(address, "address");
            return b;
        }

        /** Write the outputs file ({@code amplify_outputs.json}) here once the stack listens. */
        public Builder outputsFile(Path file) {
            Builder b = copy();
            b.outputsFile = Objects.requireNonNull(file, "file");
            return b;
        }

        /** The clock for token expiry, signature skew and code lifetimes (tests pass one they control). */
        public Builder clock(Clock clock) {
            Builder b = copy();
            b.clock = Objects.requireNonNull(clock, "clock");
            return b;
        }

        /** How often real-time connections get a {@code ka} message (AppSync: about every minute). */
        public Builder keepAliveInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new LocalConfigException("The keep-alive interval must be positive.");
            }
            Builder b = copy();
            b.keepAlive = interval;
            return b;
        }

        /** The prefix of physical table names; {@code <app>-local-} by default. */
        public Builder tablePrefix(String prefix) {
            Builder b = copy();
            b.tablePrefix = Objects.requireNonNull(prefix, "prefix");
            return b;
        }

        /** The largest request body (1 MiB by default). */
        public Builder maxRequestBytes(int bytes) {
            if (bytes < 1024) {
                throw new LocalConfigException("maxRequestBytes must be at least 1024.");
            }
            Builder b = copy();
            b.maxBodyBytes = bytes;
            return b;
        }

        /** The most tokens a query may have (15,000 by default). */
        public Builder maxQueryTokens(int tokens) {
            if (tokens < 100) {
                throw new LocalConfigException("maxQueryTokens must be at least 100.");
            }
            Builder b = copy();
            b.maxQueryTokens = tokens;
            return b;
        }

        /** The most requests served at once (200 by default). */
        public Builder maxConcurrentRequests(int requests) {
            if (requests < 8) {
                throw new LocalConfigException("maxConcurrentRequests must be at least 8.");
            }
            Builder b = copy();
            b.maxThreads = requests;
            return b;
        }

        /**
         * Compiles the schema, opens the state, creates the tables, starts listening, starts the function's init in
         * the background and writes the outputs file.
         *
         * @throws LocalConfigException if the config, schema or function is missing or invalid
         * @throws LocalStateException  if the state directory cannot be used
         * @throws LocalStackException  if the port cannot be bound
         */
        public LocalStack start() {
            long started = System.nanoTime();
            AppConfigFile app = appConfigFile == null ? null : AppConfigFile.read(appConfigFile);
            CognitoConfig cognitoSettings = cognitoConfig != null ? cognitoConfig
                    : appConfigFile != null ? CognitoConfig.fromAppConfigFile(appConfigFile) : null;
            if (cognitoSettings == null) {
                throw new LocalConfigException("No Cognito declarations: call appConfigFile(path) or cognito(config).");
            }
            String sdl = schemaSource(app);
            LocalFunction functionSpec = functionSpec(app);
            Parts parts = new Parts();
            try {
                parts.store = stateDirectory == null ? new MemoryStateStore() : new DirectoryStateStore(stateDirectory);
                if (fresh && stateDirectory != null) {
                    // Under the directory's lock, so a stack still running there is never emptied under its feet.
                    StackFiles.emptyStateDirectory(stateDirectory);
                }
                // Jetty's classes, graphql-java's and DynamoDB Local's load in parallel with the Cognito state, each
                // on a thread of its own: the common pool has a single worker on a two-core machine, which would
                // run them one after another.
                CompletableFuture<LocalHttpServer> newServer = CompletableFuture.supplyAsync(
                        () -> new LocalHttpServer(bindAddress, port, maxThreads), STARTUP_THREADS);
                CompletableFuture<CompiledSchema> compiling = CompletableFuture.supplyAsync(() -> compile(sdl),
                        STARTUP_THREADS);
                Path dynamoDir = stateDirectory == null ? null : stateDirectory.resolve("dynamodb");
                CompletableFuture<DynamoDbLocalService> dynamoStarting = CompletableFuture.supplyAsync(
                        () -> DynamoDbLocalService.open(dynamoDir, cognitoSettings.region()), STARTUP_THREADS);
                // The tables come from the manifest: created as soon as both the schema and DynamoDB Local are there,
                // while the Cognito part and the endpoint are put together.
                String prefix = tablePrefix != null ? tablePrefix : cognitoSettings.app() + "-local-";
                CompletableFuture<Void> tables = compiling.thenAcceptBothAsync(dynamoStarting,
                        (schema, dynamo) -> dynamo.createMissingTables(schema.manifest().tables(), prefix),
                        STARTUP_THREADS);
                AtomicReference<URI> base = new AtomicReference<>();
                try {
                    parts.cognitoStack = CognitoStack.open(cognitoSettings, parts.store, clock, new SecureRandom(),
                            IssuerStyle.AWS, base::get);
                } finally {
                    // Whatever happened, keep what did start so that it is closed.
                    parts.server = newServer.exceptionally(failure -> null).join();
                    parts.dynamoDb = dynamoStarting.exceptionally(failure -> null).join();
                    tables.exceptionally(failure -> null).join();
                }
                parts.server = join(newServer);
                parts.dynamoDb = join(dynamoStarting);
                parts.compiled = join(compiling);
                assemble(parts, app, cognitoSettings, functionSpec, base, tables);
                parts.startupTime = Duration.ofNanos(System.nanoTime() - started);
                LocalStack stack = new LocalStack(parts);
                LOG.info("Local stack for {} on {} (GraphQL {}, API {}, user pool {}, identity pool {}) ready in {} ms",
                        stack.app(), stack.endpoint(), stack.graphqlEndpoint(), stack.apiId(),
                        stack.cognito().userPoolId(), stack.cognito().identityPoolId().orElse("none"),
                        parts.startupTime.toMillis());
                return stack;
            } catch (RuntimeException e) {
                parts.closeQuietly(e);
                throw e;
            }
        }

        /** A new daemon thread per start-up task (a handful per start). */
        private static final java.util.concurrent.Executor STARTUP_THREADS = task -> {
            Thread thread = new Thread(task, "fieldgate-local-start");
            thread.setDaemon(true);
            thread.start();
        };

        private static <T> T join(CompletableFuture<T> future) {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
        }

        private String schemaSource(AppConfigFile app) {
            if (schemaText != null) {
                return schemaText;
            }
            Path file = schemaFile != null ? schemaFile : app == null ? null : app.schema();
            if (file == null) {
                throw new LocalConfigException("No schema: set \"schema\" in fieldgate.json or call schemaFile(path).");
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new LocalConfigException("The schema " + file + " cannot be read: " + e.getMessage(), e);
            }
        }

        private LocalFunction functionSpec(AppConfigFile app) {
            if (withoutFunction) {
                return null;
            }
            if (function != null) {
                return function;
            }
            if (app == null || app.function() == null) {
                return null;
            }
            AppConfigFile.Function f = app.function();
            return LocalFunction.builder().artifact(f.artifact()).handler(f.handler()).environment(f.environment())
                    .timeout(Duration.ofSeconds(f.timeoutSeconds())).memoryMb(f.memoryMb()).build();
        }

        private CompiledSchema compile(String sdl) {
            SchemaCompiler compiler = SchemaCompiler.create();
            ApiAuthorization modes = authorization;
            if (modes == null && userPoolDefaultAction != null) {
                ApiAuthorization declared = SchemaCompiler.create().compile(sdl, "schema.graphql").manifest().api();
                modes = new ApiAuthorization(declared.defaultAuthMode(), declared.additionalAuthModes(),
                        userPoolDefaultAction);
            }
            if (modes != null) {
                compiler = SchemaCompiler.withApi(modes);
            }
            try {
                return compiler.compile(sdl, "schema.graphql");
            } catch (dev.fieldgate.policy.PolicyException e) {
                throw new LocalConfigException("The schema does not compile: " + e.getMessage(), e);
            }
        }

        private void assemble(Parts parts, AppConfigFile app, CognitoConfig cognitoSettings, LocalFunction functionSpec,
                AtomicReference<URI> base, CompletableFuture<Void> tables) {
            CognitoStack cognitoStack = parts.cognitoStack;
            Manifest manifest = parts.compiled.manifest();
            ApiAuthorization modes = manifest.api();
            parts.api = modes;
            String region = cognitoSettings.region();
            String accountId = cognitoStack.registry().accountId();
            boolean keyWanted = apiKeyEnabled != null ? apiKeyEnabled : app != null && app.api().apiKey();
            if (keyWanted && !modes.isEnabled(AuthMode.API_KEY)) {
                LOG.warn("api.apiKey is on but the schema's @api does not list API_KEY: no API key is issued");
            }
            StackFiles.ApiDocument apiDocument = StackFiles.apiDocument(parts.store, keyWanted
                    && modes.isEnabled(AuthMode.API_KEY));
            parts.apiId = apiDocument.apiId;
            parts.apiKey = apiDocument.apiKey;
            parts.tablePrefix = tablePrefix != null ? tablePrefix : cognitoSettings.app() + "-local-";

            String apiArn = "arn:aws:appsync:" + region + ":" + accountId + ":apis/" + parts.apiId;
            Optional<IdentityPool> identityPool = cognitoStack.identityPool();
            String guestRole = identityPool.filter(p -> p.config().allowUnauthenticatedIdentities())
                    .map(IdentityPool::guestRoleArn).orElse(null);
            String authenticatedRole = identityPool.map(IdentityPool::authenticatedRoleArn).orElse(null);
            RolePolicies policies = RolePolicies.fromGrants(manifest.grants().guest(), manifest.grants().authenticated(), apiArn, cognitoSettings.app(),
                    guestRole, authenticatedRole);
            StackFiles.writeRolePolicies(parts.store, ROLE_POLICIES_DOC, policies);
            parts.rolePolicies = new AtomicReference<>(policies);


            ObjectMapper json = new ObjectMapper();
            int depth = queryDepthLimit != null ? queryDepthLimit : app == null ? 0 : app.api().queryDepthLimit();
            boolean introspect = introspection != null ? introspection : app == null || app.api().introspection();
            GraphQlEngine engine = new GraphQlEngine(new GraphQlEngine.Settings(apiArn, depth, introspect,
                    maxQueryTokens, lambdaErrorStyle), parts.compiled.appSyncSchema(), manifest,
                    parts.compiled.policy(), parts.function::get, parts.rolePolicies::get, json);

            UserPool userPool = cognitoStack.userPool();
            String clientRegex = appIdClientRegex != null ? appIdClientRegex : clientRegex(userPool);
            UserPoolTokenVerifier tokens = modes.isEnabled(AuthMode.AMAZON_COGNITO_USER_POOLS)
                    ? new UserPoolTokenVerifier(userPool.issuer(), () -> userPool.tokens().jwks(),
                    Pattern.compile(clientRegex), modes.userPoolDefaultAction(), clock)
                    : null;
            RequestAuthenticator authenticator = new RequestAuthenticator(modes, region, cognitoStack.verifier(),
                    tokens, parts.apiKey);
            parts.hub = new SubscriptionHub(engine);
            parts.realtime = new RealtimeEndpoint(engine, authenticator, parts.hub, json, keepAlive);

            cognitoStack.registerInto(parts.server.router());
            parts.server.router().addJsonTarget(DynamoDbLocalService.TARGET_PREFIX, parts.dynamoDb.handler());
            parts.server.router().addJsonTarget(DynamoDbLocalService.STREAMS_TARGET_PREFIX, parts.dynamoDb.handler());
            parts.server.router().addPath("/graphql",
                    new GraphQlHttpHandler(engine, authenticator, json, maxBodyBytes).asJettyHandler());
            parts.server.router().addPath(RealtimeEndpoint.PATH, parts.realtime.handler());
            // The control plane (AppSync, STS, IAM) with the names the Terraform modules give things in "local".
            String apiName = (app != null && app.api().name() != null ? app.api().name() : cognitoSettings.app())
                    + "-local";
            ApiDescription described = new ApiDescription(apiName, modes, userPool.id(),
                    modes.isEnabled(AuthMode.AMAZON_COGNITO_USER_POOLS) ? clientRegex : null, depth, introspect,
                    parts.compiled.appSyncSchema(), cognitoSettings.app().replace('-', '_') + "_local_resolvers",
                    cognitoSettings.app() + "-local-resolvers", cognitoSettings.app());
            new ControlPlane(described, parts.apiId, cognitoStack, base::get, manifest.resolvers(),
                    parts.rolePolicies, engine::removeResolver, clock).registerInto(parts.server.router());
            // Nothing is served before the tables are in place.
            join(tables);
            parts.server.start();
            URI endpoint = parts.server.baseUri();
            base.set(endpoint);
            parts.cognito = LocalCognito.partOf(parts.server, parts.store, cognitoStack, Duration.ZERO);

            if (functionSpec != null) {
                parts.function.set(LambdaFunction.start(functionSettings(functionSpec, cognitoSettings, accountId,
                        parts.tablePrefix, endpoint, cognitoStack.registry().administrator()), clock));
            }

            OutputsFile.Builder outputs = OutputsFile.builder(parts.cognito)
                    .data(new OutputsFile.DataSection(region, endpoint + "/graphql", modes.defaultAuthMode().name(),
                            modes.additionalAuthModes().stream().map(Enum::name).toList()))
                    .apiId(parts.apiId)
                    .realtimeUrl("ws://" + endpoint.getAuthority() + RealtimeEndpoint.PATH)
                    .endpoint("sts", endpoint)
                    .endpoint("iam", endpoint)
                    .endpoint("appsync", endpoint)
                    .endpoint("dynamodb", endpoint);
            parts.outputs = outputs.build();
            if (outputsFile != null) {
                parts.outputs.writeTo(outputsFile);
                parts.outputsFile = outputsFile.toAbsolutePath();
            }
        }

        /** Terraform's regex: the app's own clients. */
        private static String clientRegex(UserPool pool) {
            List<String> ids = new ArrayList<>();
            pool.clients().forEach(c -> ids.add(Pattern.quote(c.clientId())));
            return "^(" + String.join("|", ids) + ")$";
        }

        private static LambdaFunction.Settings functionSettings(LocalFunction spec, CognitoConfig cognito,
                String accountId, String prefix, URI endpoint, LocalAdminCredentials admin) {
            Map<String, String> properties = new LinkedHashMap<>(spec.environment());
            // The resolver contract's environment, read from system properties when the process has none.
            properties.put("FIELDGATE_TABLE_PREFIX", prefix);
            properties.put("FIELDGATE_DYNAMODB_ENDPOINT", endpoint.toString());
            properties.put("AWS_REGION", cognito.region());
            properties.put("aws.region", cognito.region());
            // DynamoDB Local accepts any key; the administrator's is the one printed for local tools too.
            properties.put("aws.accessKeyId", admin.accessKeyId());
            properties.put("aws.secretAccessKey", admin.secretAccessKey());
            return new LambdaFunction.Settings(cognito.app() + "-local-resolvers", spec.classPath(),
                    HandlerReference.parse(spec.handler()), properties, spec.timeout(), spec.memoryMb(),
                    cognito.region(), accountId);
        }
    }
}
