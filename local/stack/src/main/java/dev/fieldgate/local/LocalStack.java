package dev.fieldgate.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.local.appsync.LambdaErrorStyle;
import dev.fieldgate.local.appsync.LocalFunction;
import dev.fieldgate.local.appsync.internal.lambda.LambdaFunction;
import dev.fieldgate.local.appsync.internal.realtime.RealtimeEndpoint;
import dev.fieldgate.local.appsync.internal.realtime.RealtimeSettings;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.local.core.LocalConfigException;
import dev.fieldgate.local.core.LocalStackException;
import dev.fieldgate.local.core.LocalStateException;
import dev.fieldgate.local.core.RequestLog;
import dev.fieldgate.local.core.internal.state.DirectoryStateStore;
import dev.fieldgate.local.internal.RunningStack;
import dev.fieldgate.local.internal.StackAssembly;
import dev.fieldgate.local.internal.StackSettings;
import dev.fieldgate.local.internal.tls.LocalCertificates;
import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.DefaultAction;
import dev.fieldgate.policy.Manifest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningStack running;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, LambdaFunction> scheduled = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    private LocalStack(RunningStack running, Map<String, Duration> schedules) {
        this.running = running;
        if (schedules.isEmpty()) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fieldgate-local-schedule");
            thread.setDaemon(true);
            return thread;
        });
        try {
            schedules.keySet().forEach(this::scheduledFunction);
        } catch (RuntimeException e) {
            timer.shutdownNow();
            running.close();
            throw e;
        }
        schedules.forEach((handler, every) -> {
            // The first run before start() returns: the stack says it is ready when the data is there.
            runOnSchedule(handler);
            // runOnSchedule reports its own failures; the future only ends with the timer.
            var unused = timer.scheduleWithFixedDelay(
                    () -> runOnSchedule(handler), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** A builder with the defaults: in-memory state, a free port on 127.0.0.1. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------ where

    /** The base URL of every endpoint: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return running.server().baseUri();
    }

    public int port() {
        return running.server().port();
    }

    /** {@code http://127.0.0.1:<port>/graphql}: the outputs file's {@code data.url}. */
    public URI graphqlEndpoint() {
        return URI.create(endpoint() + "/graphql");
    }

    /** {@code ws://127.0.0.1:<port>/graphql/realtime} ({@code wss://} with TLS): AppSync's real-time protocol. */
    public URI realtimeEndpoint() {
        return URI.create(
                (running.server().tls() ? "wss://" : "ws://") + endpoint().getAuthority() + RealtimeEndpoint.PATH);
    }

    /**
     * The endpoint override for DynamoDB clients (the same port). Requests are SigV4-verified and IAM-evaluated as on
     * AWS: the {@linkplain #adminCredentials() administrator's key} reaches every table, the resolver function's role
     * the app's tables, identity-pool credentials only what their role's policies grant.
     */
    public URI dynamoDbEndpoint() {
        return endpoint();
    }

    // ------------------------------------------------------------------------------------------ what

    /** The Cognito part: pool ids, app clients, roles, the outbox of verification codes, the admin key. */
    public LocalCognito cognito() {
        return running.cognito();
    }

    public String region() {
        return running.cognitoStack().config().region();
    }

    /** The app's name from the config. */
    public String app() {
        return running.cognitoStack().config().app();
    }

    /** The local 12-digit account id in every ARN. */
    public String accountId() {
        return running.cognitoStack().registry().accountId();
    }

    /** The AppSync API id (26 characters, kept in the state). */
    public String apiId() {
        return running.apiId();
    }

    /** {@code arn:aws:appsync:<region>:<account>:apis/<apiId>}, the prefix of IAM field ARNs. */
    public String apiArn() {
        return "arn:aws:appsync:" + region() + ":" + accountId() + ":apis/" + running.apiId();
    }

    /** The API key, when the app enables {@code API_KEY} and {@code api.apiKey}. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(running.apiKey());
    }

    /** The API's auth modes and user-pool default action. */
    public ApiAuthorization authorization() {
        return running.api();
    }

    /** The local administrator's key pair (SigV4, any service): Cognito admin operations, DynamoDB, IAM callers. */
    public LocalAdminCredentials adminCredentials() {
        return running.cognitoStack().registry().administrator();
    }

    /** The prefix of every physical table name ({@code FIELDGATE_TABLE_PREFIX}). */
    public String tablePrefix() {
        return running.tablePrefix();
    }

    /** The physical name of a manifest table. */
    public String tableName(String logicalName) {
        return running.tablePrefix() + Objects.requireNonNull(logicalName, "logicalName");
    }

    /** The compiled schema: the deployable schema the endpoint executes, the manifest and the access policy. */
    public CompiledSchema schema() {
        return running.compiled();
    }

    public Manifest manifest() {
        return running.compiled().manifest();
    }

    public AccessPolicy policy() {
        return running.compiled().policy();
    }

    /**
     * The IAM permission policies of the identity pool's roles, as Terraform attaches them, plus any inline policy
     * added since through IAM's {@code PutRolePolicy}: role ARN to policy name to policy document (JSON). The
     * endpoint decides IAM callers' {@code appsync:GraphQL} with exactly these.
     */
    public Map<String, Map<String, String>> rolePolicies() {
        Map<String, Map<String, String>> byRole = new LinkedHashMap<>();
        running.rolePolicies().get().byRole().forEach((role, policies) -> {
            Map<String, String> named = new LinkedHashMap<>();
            policies.forEach(p -> named.put(p.policyName(), p.document().json()));
            byRole.put(role, java.util.Collections.unmodifiableMap(named));
        });
        return java.util.Collections.unmodifiableMap(byRole);
    }

    /**
     * The last requests the stack served (every service on its port), with their callers, outcomes and durations:
     * what {@code fieldgate local} prints one line each for, and the console shows. Bounded: the oldest go first.
     */
    public RequestLog requestLog() {
        return running.requestLog();
    }

    /** The client configuration ({@code amplify_outputs.json}) of this stack. */
    public OutputsFile outputs() {
        return running.outputs();
    }

    /** Where the outputs file was written, if the builder named a file. */
    public Optional<Path> outputsFile() {
        return Optional.ofNullable(running.outputsFile());
    }

    /** The state directory, if state is kept between runs. */
    /**
     * The local CA's certificate (PEM) when the stack speaks TLS: what a browser, Node ({@code NODE_EXTRA_CA_CERTS})
     * or a JVM trust store must trust. It is kept in the state directory as {@code tls/ca.pem}.
     */
    public Optional<String> caCertificatePem() {
        return Optional.ofNullable(running.certificates()).map(LocalCertificates::caCertificatePem);
    }

    /** The file of {@link #caCertificatePem()}, when the stack speaks TLS and keeps its state in a directory. */
    public Optional<Path> caCertificateFile() {
        return stateDirectory()
                .filter(directory -> running.certificates() != null)
                .map(directory -> directory.resolve(LocalCertificates.CA_CERTIFICATE));
    }

    public Optional<Path> stateDirectory() {
        return running.store() instanceof DirectoryStateStore directory
                ? Optional.of(directory.root())
                : Optional.empty();
    }

    /** How long {@link Builder#start()} took, from reading the config to listening with the tables in place. */
    public Duration startupTime() {
        return running.startupTime();
    }

    /** Whether the web console is served at {@code /} (see {@link Builder#console(boolean)}). */
    public boolean consoleServed() {
        return running.consoleServed();
    }

    /** Whether the stack runs a resolver function. */
    public boolean hasFunction() {
        return running.function().get() != null;
    }

    /**
     * Completes when the resolver function has finished its init phase (it starts in the background when the stack
     * starts; the first request that needs it waits for it). Completes at once when there is no function.
     */
    public CompletableFuture<Void> functionReady() {
        LambdaFunction current = running.function().get();
        return current == null ? CompletableFuture.completedFuture(null) : current.initialized();
    }

    /**
     * Invokes another handler of the app's function artifact as an EventBridge schedule rule invokes a Lambda
     * function: with a {@code Scheduled Event} ({@code "source": "aws.events"}, the rule's ARN in {@code resources},
     * an empty {@code detail}), the function's environment and its execution role (so it reaches the app's tables
     * as the resolver function does). The handler's class is loaded once, in a class loader of its own.
     *
     * @param handler the Lambda handler string, e.g. {@code com.example.FillUsers::handleRequest}
     * @return the handler's response, as JSON (Lambda ignores a scheduled function's response; tests may not)
     * @throws LocalConfigException if the stack runs no function artifact
     */
    public String invokeScheduled(String handler) {
        LambdaFunction function = scheduledFunction(handler);
        byte[] response = function.invoke(scheduledEvent(function.settings().functionName()));
        return new String(response, StandardCharsets.UTF_8);
    }

    private LambdaFunction scheduledFunction(String handler) {
        Objects.requireNonNull(handler, "handler");
        if (running.otherHandlers() == null) {
            throw new LocalConfigException("A scheduled handler runs from the app's function artifact, and this stack"
                    + " runs none: give the config a function section, or the builder a function.");
        }
        return scheduled.computeIfAbsent(
                handler, h -> LambdaFunction.start(running.otherHandlers().apply(h), Clock.systemUTC()));
    }

    private byte[] scheduledEvent(String functionName) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", accountId());
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region());
        event.put("resources", List.of("arn:aws:events:" + region() + ":" + accountId() + ":rule/" + functionName));
        event.put("detail", Map.of());
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void runOnSchedule(String handler) {
        try {
            invokeScheduled(handler);
            LOG.info("Scheduled run of {} done", handler);
        } catch (RuntimeException e) {
            // As on AWS, a failed run is logged and the next one comes on time.
            LOG.warn("Scheduled run of {} failed: {}", handler, e.getMessage());
        }
    }

    /** The number of open subscriptions over all real-time connections. */
    public int openSubscriptions() {
        return running.hub().size();
    }

    /** Stops everything; data in a state directory stays for the next start. Closing twice does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (timer != null) {
                timer.shutdownNow();
            }
            scheduled.values().forEach(LambdaFunction::close);
            running.close();
        }
    }

    @Override
    public String toString() {
        return "LocalStack[" + endpoint() + ", app=" + app() + ", api=" + running.apiId() + "]";
    }

    /** Configures a {@link LocalStack}: a mutable builder, as the AWS SDK's; {@link #start()} makes the stack. */
    public static final class Builder {

        private Path appConfigFile;
        private AppConfig config;
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
        private Duration keepAlive = RealtimeSettings.KEEP_ALIVE;
        private Duration connectionTimeout = RealtimeSettings.CONNECTION_TIMEOUT;
        private String tablePrefix;
        private int maxBodyBytes = 1 << 20;
        private int maxQueryTokens = 15_000;
        private int maxThreads = 200;
        private boolean tls;
        private Boolean console;
        private final Map<String, Duration> schedules = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Runs another handler of the function's artifact on a schedule, as an EventBridge rule with
         * {@code rate(...)} does on AWS: once before {@link #start()} returns, then every {@code every}, each time
         * with a {@code Scheduled Event} ({@link LocalStack#invokeScheduled(String)} runs it on demand).
         */
        public Builder schedule(String handler, Duration every) {
            Objects.requireNonNull(handler, "handler");
            if (every == null || every.toSeconds() < 1) {
                throw new LocalConfigException("A schedule's interval is at least one second, not " + every + ".");
            }
            schedules.put(handler, every);
            return this;
        }

        /**
         * The app's {@code fieldgate.json}: Cognito declarations, the schema, the function and the API settings.
         * Anything set explicitly on the builder wins over the file.
         */
        public Builder appConfigFile(Path file) {
            this.appConfigFile = Objects.requireNonNull(file, "file");
            this.config = null;
            return this;
        }

        /** The app config built in code, instead of a file; the builder's own settings still win over it. */
        public Builder config(AppConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            this.appConfigFile = null;
            return this;
        }

        /** @deprecated the app config is one model now: use {@link #config(AppConfig)}. */
        @Deprecated
        @SuppressWarnings("InlineMeSuggester") // a one-line alias; inlining tools are not part of the build
        public Builder cognito(AppConfig config) {
            return config(config);
        }

        /** The GraphQL schema file (AppSync directives and Fieldgate rules), instead of the config file's. */
        public Builder schemaFile(Path file) {
            this.schemaFile = Objects.requireNonNull(file, "file");
            this.schemaText = null;
            return this;
        }

        /** The GraphQL schema as text. */
        public Builder schema(String sdl) {
            this.schemaText = Objects.requireNonNull(sdl, "sdl");
            this.schemaFile = null;
            return this;
        }

        /**
         * The API's auth modes and user-pool default action, instead of the schema's {@code @api} directive (the
         * schema is then compiled for these modes).
         */
        public Builder authorization(ApiAuthorization authorization) {
            this.authorization = Objects.requireNonNull(authorization, "authorization");
            return this;
        }

        /** Only the user-pool default action, keeping the modes of the schema. */
        public Builder userPoolDefaultAction(DefaultAction action) {
            this.userPoolDefaultAction = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * The API's {@code AppIdClientRegex}. By default, as in the Terraform example, the app's own clients:
         * {@code ^(<id1>|<id2>|...)$}.
         */
        public Builder appIdClientRegex(String regex) {
            this.appIdClientRegex = Objects.requireNonNull(regex, "regex");
            Pattern.compile(regex);
            return this;
        }

        /** Whether the API has an API key ({@code api.apiKey}); the modes must include {@code API_KEY} too. */
        public Builder apiKey(boolean enabled) {
            this.apiKeyEnabled = enabled;
            return this;
        }

        /** AppSync's query depth limit, 1 to 75, or 0 for none ({@code api.queryDepthLimit}). */
        public Builder queryDepthLimit(int limit) {
            if (limit < 0 || limit > 75) {
                throw new LocalConfigException("The query depth limit is 0 (none) to 75, not " + limit + ".");
            }
            this.queryDepthLimit = limit;
            return this;
        }

        /** Introspection on or off ({@code api.introspection}). */
        public Builder introspection(boolean enabled) {
            this.introspection = enabled;
            return this;
        }

        /** The resolver function, instead of the config file's. */
        public Builder function(LocalFunction function) {
            this.function = Objects.requireNonNull(function, "function");
            this.withoutFunction = false;
            return this;
        }

        /** Run without a resolver function: every resolver field resolves to null. */
        public Builder withoutFunction() {
            this.function = null;
            this.withoutFunction = true;
            return this;
        }

        /** The error type of a field whose resolver function threw; see {@link LambdaErrorStyle}. */
        public Builder lambdaErrorStyle(LambdaErrorStyle style) {
            this.lambdaErrorStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        /** Keep state only in memory (the default): users, keys and data are gone after {@link #close()}. */
        public Builder inMemory() {
            this.stateDirectory = null;
            return this;
        }

        /**
         * Keep state in a directory: users, signing keys, issued credentials, the API id and key, the roles'
         * policies and the DynamoDB data survive a restart. One stack at a time may use a directory.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Empty the state directory before starting. */
        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new LocalConfigException("port must be 0 to 65535, not " + port + ".");
            }
            this.port = port;
            return this;
        }

        /** The address to bind; 127.0.0.1 by default, so nothing outside this machine can reach the stack. */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Write the outputs file ({@code amplify_outputs.json}) here once the stack listens. */
        public Builder outputsFile(Path file) {
            this.outputsFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** The clock for token expiry, signature skew and code lifetimes (tests pass one they control). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How often real-time connections get a {@code ka} message (AppSync: about every minute); shorter than the
         * 300,000 ms {@code connectionTimeoutMs} that {@code connection_ack} promises.
         */
        public Builder keepAliveInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new LocalConfigException("The keep-alive interval must be positive.");
            }
            this.keepAlive = interval;
            return this;
        }

        /** The real-time {@code connectionTimeoutMs} (AppSync's 300,000 ms), for tests that cannot wait that long. */
        Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The prefix of physical table names; {@code <app>-local-} by default. */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The largest request body (1 MiB by default). */
        public Builder maxRequestBytes(int bytes) {
            if (bytes < 1024) {
                throw new LocalConfigException("maxRequestBytes must be at least 1024.");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** The most tokens a query may have (15,000 by default). */
        public Builder maxQueryTokens(int tokens) {
            if (tokens < 100) {
                throw new LocalConfigException("maxQueryTokens must be at least 100.");
            }
            this.maxQueryTokens = tokens;
            return this;
        }

        /** The most requests served at once (200 by default). */
        public Builder maxConcurrentRequests(int requests) {
            if (requests < 8) {
                throw new LocalConfigException("maxConcurrentRequests must be at least 8.");
            }
            this.maxThreads = requests;
            return this;
        }

        /**
         * Also speak TLS on the port, with a certificate from the state directory's local CA, and name
         * {@code https}/{@code wss} endpoints in the outputs file: for clients that insist on them, such as browsers
         * and Amplify. Plain {@code http} keeps working on the same port. Loopback binds only.
         */
        /**
         * Serves the web console at {@code /} and {@code /console} (GraphiQL with a caller picker, users, outbox,
         * identities, tables, the request log, the access matrix, links). Default: on when bound to a loopback
         * address, off (403) otherwise; turning it on on another address serves it to whoever reaches that address.
         */
        public Builder console(boolean enabled) {
            this.console = enabled;
            return this;
        }

        public Builder tls(boolean enabled) {
            this.tls = enabled;
            return this;
        }

        /**
         * Compiles the schema, opens the state, creates the tables, starts listening, starts the function's init in
         * the background and writes the outputs file.
         *
         * @throws dev.fieldgate.config.ConfigException if the app config file is missing or invalid
         * @throws LocalConfigException if the schema or function is missing or invalid
         * @throws LocalStateException  if the state directory cannot be used
         * @throws LocalStackException  if the port cannot be bound
         */
        public LocalStack start() {
            if (keepAlive.compareTo(connectionTimeout) >= 0) {
                throw new LocalConfigException("The keep-alive interval (" + keepAlive.toMillis()
                        + " ms) must be shorter than the real-time connection timeout (" + connectionTimeout.toMillis()
                        + " ms).");
            }
            LocalStack stack = new LocalStack(
                    StackAssembly.start(new StackSettings(
                            appConfigFile,
                            config,
                            schemaFile,
                            schemaText,
                            authorization,
                            userPoolDefaultAction,
                            appIdClientRegex,
                            apiKeyEnabled,
                            queryDepthLimit,
                            introspection,
                            function,
                            withoutFunction,
                            lambdaErrorStyle,
                            stateDirectory,
                            fresh,
                            port,
                            bindAddress,
                            outputsFile,
                            clock,
                            keepAlive,
                            connectionTimeout,
                            tablePrefix,
                            maxBodyBytes,
                            maxQueryTokens,
                            maxThreads,
                            tls,
                            console)),
                    schedules);
            LOG.info(
                    "Local stack for {} on {} (GraphQL {}, API {}, user pool {}, identity pool {}) ready in {} ms",
                    stack.app(),
                    stack.endpoint(),
                    stack.graphqlEndpoint(),
                    stack.apiId(),
                    stack.cognito().userPoolId(),
                    stack.cognito().identityPoolId().orElse("none"),
                    stack.startupTime().toMillis());
            return stack;
        }
    }
}
