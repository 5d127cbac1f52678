package dev.fieldgate.local.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.DataOutputs;
import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.config.FunctionConfig;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.config.StorageOutputs;
import dev.fieldgate.local.appsync.LocalFunction;
import dev.fieldgate.local.appsync.internal.GraphQlEngine;
import dev.fieldgate.local.appsync.internal.GraphQlHttpHandler;
import dev.fieldgate.local.appsync.internal.RequestAuthenticator;
import dev.fieldgate.local.appsync.internal.UserPoolTokenVerifier;
import dev.fieldgate.local.appsync.internal.lambda.HandlerReference;
import dev.fieldgate.local.appsync.internal.lambda.LambdaFunction;
import dev.fieldgate.local.appsync.internal.realtime.RealtimeEndpoint;
import dev.fieldgate.local.appsync.internal.realtime.RealtimeSettings;
import dev.fieldgate.local.appsync.internal.realtime.SubscriptionHub;
import dev.fieldgate.local.cognito.IssuerStyle;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.internal.CognitoStack;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityPool;
import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.controlplane.internal.ApiDescription;
import dev.fieldgate.local.controlplane.internal.ControlPlane;
import dev.fieldgate.local.core.LocalConfigException;
import dev.fieldgate.local.core.RequestLog;
import dev.fieldgate.local.core.internal.http.LocalHttpServer;
import dev.fieldgate.local.core.internal.iam.PolicyDocument;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.local.core.internal.sigv4.CredentialsRegistry;
import dev.fieldgate.local.core.internal.state.DirectoryStateStore;
import dev.fieldgate.local.core.internal.state.MemoryStateStore;
import dev.fieldgate.local.core.internal.state.StateStore;
import dev.fieldgate.local.internal.console.Console;
import dev.fieldgate.local.internal.dynamodb.DynamoDbGate;
import dev.fieldgate.local.internal.dynamodb.DynamoDbLocalService;
import dev.fieldgate.local.internal.s3.S3Service;
import dev.fieldgate.local.internal.stack.StackFiles;
import dev.fieldgate.local.internal.tls.LocalCertificates;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.PolicyException;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.policy.StorageBucket;
import dev.fieldgate.policy.StorageGroup;
import dev.fieldgate.policy.StoragePolicy;
import dev.fieldgate.policy.StorageRole;
import dev.fieldgate.policy.StorageStatement;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Puts a local stack together from its settings: compiles the schema, opens the state, starts DynamoDB Local with the
 * manifest's tables, the Cognito part, the AppSync endpoint and its real-time endpoint, the control plane, and the
 * resolver function; then writes the outputs file. Independent steps overlap; if a step fails, what already started
 * is closed again.
 */
public final class StackAssembly {

    private static final String ROLE_POLICIES_DOC = "iam/role-policies.json";

    /** A new daemon thread per start-up task: the common pool has a single worker on a two-core machine. */
    private static final Executor STARTUP_THREADS = task -> {
        Thread thread = new Thread(task, "fieldgate-local-start");
        thread.setDaemon(true);
        thread.start();
    };

    private final StackSettings settings;
    private final AppConfig config;
    private final StoragePolicy storage;
    // What has started so far, closed in reverse if a later step fails.
    private LocalHttpServer server;
    private StateStore store;
    private DynamoDbLocalService dynamoDb;
    private CompletableFuture<Void> tables;
    private CognitoStack cognitoStack;
    private final AtomicReference<LambdaFunction> function = new AtomicReference<>();
    private SubscriptionHub hub;
    private RealtimeEndpoint realtime;

    private StackAssembly(StackSettings settings, AppConfig config) {
        this.settings = settings;
        this.config = config;
        Map<String, Integer> groups = new LinkedHashMap<>();
        config.userPool().groups().forEach(g -> groups.put(g.name(), g.precedence()));
        try {
            this.storage = config.storageJson()
                    .map(json -> StoragePolicy.parse(json, groups))
                    .orElse(StoragePolicy.none());
        } catch (PolicyException e) {
            throw new LocalConfigException("fieldgate.json: " + e.getMessage(), e);
        }
        if (!storage.groups().isEmpty()
                && config.identityPool().map(p -> p.allowClassicFlow()).orElse(false)) {
            // The classic flow lets any signed-in identity assume any role that trusts the pool, group roles too.
            throw new LocalConfigException("fieldgate.json: storage grants groups "
                    + storage.groups().stream().map(StorageGroup::name).toList()
                    + " roles of their own, but identityPool.allowClassicFlow is true: with the classic flow any"
                    + " signed-in user could assume a group's role. Turn the classic flow off.");
        }
    }

    /** The IAM role name of each group with storage grants, as Terraform names it: {@code <app>-group-<group>}. */
    private Map<String, String> groupRoleNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (StorageGroup group : storage.groups()) {
            names.put(group.name(), group.roleName(config.app()));
        }
        return names;
    }

    /** The function's S3 endpoint variable when the app declares buckets. */
    public static final String FUNCTION_S3_ENDPOINT = "FIELDGATE_S3_ENDPOINT";

    /** The function's variable holding a declared bucket's physical name: {@code FIELDGATE_BUCKET_<NAME>}. */
    public static String bucketVariable(String bucketName) {
        return "FIELDGATE_BUCKET_" + bucketName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** A declared bucket's physical name locally: {@code <app>-local-<name>}, as Terraform names it per environment. */
    private String physicalBucket(String name) {
        return config.app() + "-local-" + name;
    }

    /**
     * Starts the stack the settings describe.
     *
     * @throws LocalConfigException if the config, schema or function is missing or invalid
     * @throws dev.fieldgate.local.core.LocalStateException if the state directory cannot be used
     * @throws dev.fieldgate.local.core.LocalStackException if the port cannot be bound
     */
    public static RunningStack start(StackSettings settings) {
        AppConfig config = settings.config() != null
                ? settings.config()
                : settings.appConfigFile() != null ? AppConfig.read(settings.appConfigFile()) : null;
        if (config == null) {
            throw new LocalConfigException("No app config: call appConfigFile(path) or config(appConfig).");
        }
        StackAssembly assembly = new StackAssembly(settings, config);
        try {
            return assembly.run();
        } catch (RuntimeException e) {
            assembly.closeQuietly(e);
            throw e;
        }
    }

    private RunningStack run() {
        long started = System.nanoTime();
        String sdl = schemaSource();
        LocalFunction functionSpec = functionSpec();
        Path stateDirectory = settings.stateDirectory();
        store = stateDirectory == null ? new MemoryStateStore() : new DirectoryStateStore(stateDirectory);
        if (settings.fresh() && stateDirectory != null) {
            // Under the directory's lock, so a stack still running there is never emptied under its feet.
            StackFiles.emptyStateDirectory(stateDirectory);
        }
        LocalCertificates certificates = settings.tls() ? certificates() : null;
        LocalHttpServer.Tls tls = certificates == null
                ? null
                : certificates.serverTls(storage.buckets().stream()
                        .map(b -> physicalBucket(b.name()) + ".localhost")
                        .toList());
        // Jetty's classes, graphql-java's and DynamoDB Local's load in parallel with the Cognito state.
        CompletableFuture<LocalHttpServer> newServer = CompletableFuture.supplyAsync(
                () -> new LocalHttpServer(settings.bindAddress(), settings.port(), settings.maxThreads(), tls),
                STARTUP_THREADS);
        CompletableFuture<CompiledSchema> compiling =
                CompletableFuture.supplyAsync(() -> compile(sdl), STARTUP_THREADS);
        Path dynamoDir = stateDirectory == null ? null : stateDirectory.resolve("dynamodb");
        CompletableFuture<DynamoDbLocalService> dynamoStarting = CompletableFuture.supplyAsync(
                () -> DynamoDbLocalService.open(dynamoDir, config.region()), STARTUP_THREADS);
        // The tables come from the manifest: created as soon as the schema and DynamoDB Local are both there.
        String tablePrefix = settings.tablePrefix() != null ? settings.tablePrefix() : config.app() + "-local-";
        tables = compiling.thenAcceptBothAsync(
                dynamoStarting,
                (schema, dynamo) -> dynamo.createMissingTables(schema.manifest().tables(), tablePrefix),
                STARTUP_THREADS);
        AtomicReference<URI> base = new AtomicReference<>();
        SecureRandom random = new SecureRandom();
        Function<String, LambdaFunction.Settings> otherHandlers = null;
        try {
            // The function's init (its own class loader, often a Spring context) is the longest step of a start: it
            // begins as soon as what it is handed is known (the account and its role's session, from the
            // credentials registry; the port, bound now and served once everything is registered), in parallel with
            // the Cognito state, the schema's compilation, DynamoDB Local and the tables.
            CredentialsRegistry registry = new CredentialsRegistry(store, settings.clock(), random);
            server = join(newServer);
            server.bind();
            if (functionSpec != null) {
                otherHandlers = startFunction(functionSpec, registry, tablePrefix, server.baseUri());
            }
            cognitoStack = CognitoStack.open(
                    config, store, settings.clock(), random, IssuerStyle.AWS, base::get, groupRoleNames(), registry);
        } finally {
            // Whatever happened, keep what did start so that it is closed.
            server = newServer.exceptionally(failure -> null).join();
            dynamoDb = dynamoStarting.exceptionally(failure -> null).join();
        }
        String accountId = cognitoStack.registry().accountId();
        URI endpoint = server.baseUri();
        dynamoDb = join(dynamoStarting);
        CompiledSchema compiled = join(compiling);

        Manifest manifest = compiled.manifest();
        ApiAuthorization modes = manifest.api();
        if (!compiled.policy().hasKitRules()) {
            org.slf4j.LoggerFactory.getLogger(StackAssembly.class)
                    .info("The schema has no @auth rules: no kit rules apply, AppSync's directives alone decide; "
                            + "the identity pool's roles are granted nothing (IAM callers need a role policy)");
        }
        String region = config.region();
        boolean keyWanted =
                settings.apiKey() != null ? settings.apiKey() : config.api().apiKey();
        if (keyWanted && !modes.isEnabled(AuthMode.API_KEY)) {
            org.slf4j.LoggerFactory.getLogger(StackAssembly.class)
                    .warn("api.apiKey is on but the schema's @api does not list API_KEY: no API key is issued");
        }
        StackFiles.ApiDocument apiDocument =
                StackFiles.apiDocument(store, keyWanted && modes.isEnabled(AuthMode.API_KEY));
        String apiArn = "arn:aws:appsync:" + region + ":" + accountId + ":apis/" + apiDocument.apiId;
        AtomicReference<RolePolicies> rolePolicies = new AtomicReference<>(rolePolicies(manifest, apiArn));

        ObjectMapper json = new ObjectMapper();
        int depth = settings.queryDepthLimit() != null
                ? settings.queryDepthLimit()
                : config.api().queryDepthLimit();
        boolean introspect = settings.introspection() != null
                ? settings.introspection()
                : config.api().introspection();
        GraphQlEngine engine = new GraphQlEngine(
                new GraphQlEngine.Settings(
                        apiArn, depth, introspect, settings.maxQueryTokens(), settings.lambdaErrorStyle()),
                compiled.appSyncSchema(),
                manifest,
                compiled.policy(),
                function::get,
                rolePolicies::get,
                json);

        UserPool userPool = cognitoStack.userPool();
        String clientRegex = settings.appIdClientRegex() != null ? settings.appIdClientRegex() : clientRegex(userPool);
        UserPoolTokenVerifier tokens = modes.isEnabled(AuthMode.AMAZON_COGNITO_USER_POOLS)
                ? new UserPoolTokenVerifier(
                        userPool.issuer(),
                        () -> userPool.tokens().jwks(),
                        Pattern.compile(clientRegex),
                        modes.userPoolDefaultAction(),
                        settings.clock())
                : null;
        RequestAuthenticator authenticator =
                new RequestAuthenticator(modes, region, cognitoStack.verifier(), tokens, apiDocument.apiKey);
        hub = new SubscriptionHub(engine, settings.clock());
        realtime = new RealtimeEndpoint(
                engine,
                authenticator,
                hub,
                json,
                new RealtimeSettings(settings.keepAlive(), settings.connectionTimeout(), settings.clock()));

        RequestLog requestLog = new RequestLog(RequestLog.DEFAULT_CAPACITY, settings.clock());
        CredentialsRegistry registry = cognitoStack.registry();
        server.router().requestLog(requestLog, key -> callerOfKey(registry, key), CONSOLE_PATH, "/favicon.ico");
        cognitoStack.registerInto(server.router());
        // DynamoDB Local accepts any key: SigV4 and IAM are checked in front of it, as on AWS, with the identity-pool
        // roles' current policies and the function role's.
        FunctionRole functionRole = new FunctionRole(
                functionName(),
                accountId,
                region,
                manifest.tables(),
                tablePrefix,
                storage,
                name -> "arn:aws:s3:::" + physicalBucket(name));
        DynamoDbGate dynamoDbGate = new DynamoDbGate(
                dynamoDb.handler(),
                cognitoStack.verifier(),
                region,
                accountId,
                () -> rolePolicies.get().withRole(functionRole.arn(), functionRole.policies()));
        server.router().addJsonTarget(DynamoDbLocalService.TARGET_PREFIX, dynamoDbGate);
        server.router().addJsonTarget(DynamoDbLocalService.STREAMS_TARGET_PREFIX, dynamoDbGate);
        server.router()
                .addPath(
                        "/graphql",
                        new GraphQlHttpHandler(engine, authenticator, json, settings.maxBodyBytes()).asJettyHandler());
        server.router().addPath(RealtimeEndpoint.PATH, realtime.handler());
        // The console: on the loopback bind unless turned off, elsewhere only when turned on.
        boolean consoleOn =
                settings.console() != null ? settings.console() : Console.isLoopback(settings.bindAddress());
        AtomicReference<LocalCognito> consoleCognito = new AtomicReference<>();
        Console console = new Console(
                consoleOn,
                settings.bindAddress(),
                consoleCognito::get,
                cognitoStack.identityPool(),
                requestLog,
                compiled,
                tablePrefix,
                () -> settings.outputsFile() == null
                        ? null
                        : settings.outputsFile().toAbsolutePath(),
                base::get);
        // GET / only: AWS's POST / calls go on to their services.
        server.router().addGet("/", console.asJettyHandler());
        server.router().addPathPrefix(CONSOLE_PATH, console.asJettyHandler());
        // The control plane (AppSync, STS, IAM) with the names the Terraform modules give things in "local".
        ApiDescription described = new ApiDescription(
                config.apiName() + "-local",
                modes,
                userPool.id(),
                modes.isEnabled(AuthMode.AMAZON_COGNITO_USER_POOLS) ? clientRegex : null,
                depth,
                introspect,
                compiled.appSyncSchema(),
                config.app().replace('-', '_') + "_local_resolvers",
                functionName(),
                config.app());
        new ControlPlane(
                        described,
                        apiDocument.apiId,
                        cognitoStack,
                        base::get,
                        manifest.resolvers(),
                        rolePolicies,
                        engine::removeResolver,
                        settings.clock())
                .registerInto(server.router());
        if (!storage.isEmpty()) {
            // Last of the routes: S3's path-style requests are any path no other service claims.
            Path s3Root = stateDirectory != null ? stateDirectory.resolve("s3") : temporaryS3Root();
            S3Service s3 = new S3Service(
                    s3Root,
                    storage.buckets().stream()
                            .map(b -> physicalBucket(b.name()))
                            .toList(),
                    stateDirectory == null,
                    cognitoStack.verifier(),
                    region,
                    // The function's role too: a URL it presigns carries its grants on the app's buckets.
                    () -> rolePolicies.get().withRole(functionRole.arn(), functionRole.policies()),
                    storage.corsOrigins(),
                    settings.clock());
            server.router()
                    .addHost(
                            "s3 virtual-hosted buckets",
                            host -> s3.virtualHostBucket(host).isPresent(),
                            s3)
                    .addPathPattern(S3Service.pathPattern(), s3);
        }
        // Nothing is served before the tables are in place.
        join(tables);
        server.start();
        base.set(endpoint);
        LocalCognito cognito = LocalCognito.partOf(server, store, cognitoStack, Duration.ZERO);
        consoleCognito.set(cognito);
        String adminCredentials = stateDirectory == null ? null : adminCredentialsFile(stateDirectory);
        OutputsFile outputs = outputs(cognito, modes, apiDocument.apiId, endpoint, adminCredentials);
        Path outputsFile = null;
        if (settings.outputsFile() != null) {
            outputs.writeTo(settings.outputsFile());
            outputsFile = settings.outputsFile().toAbsolutePath();
        }
        return new RunningStack(
                server,
                store,
                cognito,
                cognitoStack,
                dynamoDb,
                function,
                hub,
                realtime,
                compiled,
                modes,
                apiDocument.apiId,
                apiDocument.apiKey,
                tablePrefix,
                rolePolicies,
                outputs,
                outputsFile,
                Duration.ofNanos(System.nanoTime() - started),
                certificates,
                requestLog,
                consoleOn,
                otherHandlers);
    }

    /** The roles' policies from the manifest's grants, as Terraform writes them, kept in the state. */
    private RolePolicies rolePolicies(Manifest manifest, String apiArn) {
        var identityPool = cognitoStack.identityPool();
        String guestRole = identityPool.flatMap(IdentityPool::guestRoleArn).orElse(null);
        String authenticatedRole =
                identityPool.map(IdentityPool::authenticatedRoleArn).orElse(null);
        RolePolicies policies = RolePolicies.fromGrants(
                manifest.grants().guest(),
                manifest.grants().authenticated(),
                apiArn,
                config.app(),
                guestRole,
                authenticatedRole);
        // A group's role has the authenticated role's AppSync policies attached too: a member loses nothing.
        List<IdentityPool.GroupRole> groupRoles =
                identityPool.map(IdentityPool::groupRoles).orElse(List.of());
        for (IdentityPool.GroupRole groupRole : groupRoles) {
            for (RolePolicies.NamedPolicy policy : policies.policies(authenticatedRole)) {
                policies = policies.plus(
                        new RolePolicies.NamedPolicy(groupRole.arn(), policy.policyName(), policy.document()));
            }
        }
        // The storage module's policy per role, <app>-<role>-storage, as Terraform attaches it.
        for (IdentityPool.GroupRole groupRole : groupRoles) {
            StorageGroup group = storage.group(groupRole.group()).orElseThrow();
            var document = storage.iamPolicyJson(group, name -> "arn:aws:s3:::" + physicalBucket(name));
            if (document.isPresent()) {
                policies = policies.plus(new RolePolicies.NamedPolicy(
                        groupRole.arn(), groupRole.name() + "-storage", PolicyDocument.parse(document.get())));
            }
        }
        for (StorageRole role : StorageRole.values()) {
            String roleArn = role == StorageRole.GUEST ? guestRole : authenticatedRole;
            if (roleArn == null) {
                continue;
            }
            var document = storage.iamPolicyJson(role, name -> "arn:aws:s3:::" + physicalBucket(name));
            if (document.isPresent()) {
                policies = policies.plus(new RolePolicies.NamedPolicy(
                        roleArn,
                        config.app() + "-" + (role == StorageRole.GUEST ? "guest" : "authenticated") + "-storage",
                        PolicyDocument.parse(document.get())));
            }
        }
        StackFiles.writeRolePolicies(store, ROLE_POLICIES_DOC, policies);
        return policies;
    }

    /** The file name of the local administrator's key in the state directory, as an AWS shared credentials file. */
    public static final String ADMIN_CREDENTIALS_FILE = "admin-credentials";

    /**
     * Writes the local administrator's key as an AWS shared credentials file (profile {@code fieldgate-local}), owner
     * readable only, for {@code fieldgate verify} and the AWS CLI ({@code AWS_SHARED_CREDENTIALS_FILE}).
     */
    private String adminCredentialsFile(Path stateDirectory) {
        var admin = cognitoStack.registry().administrator();
        String text = "# The local stack's administrator key (local only; never an AWS account's).\n["
                + FieldgateOutputs.LOCAL_ADMIN_PROFILE + "]\naws_access_key_id = " + admin.accessKeyId()
                + "\naws_secret_access_key = " + admin.secretAccessKey() + "\n";
        store.write(ADMIN_CREDENTIALS_FILE, text.getBytes(StandardCharsets.UTF_8));
        return stateDirectory.resolve(ADMIN_CREDENTIALS_FILE).toAbsolutePath().toString();
    }

    private OutputsFile outputs(
            LocalCognito cognito, ApiAuthorization modes, String apiId, URI endpoint, String adminCredentials) {
        OutputsFile cognitoPart = cognito.outputs();
        FieldgateOutputs.Builder fieldgate = cognitoPart.fieldgate().orElseThrow().toBuilder()
                .apiId(apiId)
                .realtimeUrl(("https".equals(endpoint.getScheme()) ? "wss://" : "ws://")
                        + endpoint.getAuthority()
                        + RealtimeEndpoint.PATH)
                .endpoint("sts", endpoint)
                .endpoint("iam", endpoint)
                .endpoint("appsync", endpoint)
                .endpoint("dynamodb", endpoint);
        if (!storage.isEmpty()) {
            fieldgate.endpoint("s3", endpoint);
        }
        return cognitoPart.toBuilder()
                .data(new DataOutputs(
                        cognito.region(),
                        endpoint + "/graphql",
                        modes.defaultAuthMode().name(),
                        modes.additionalAuthModes().stream().map(Enum::name).toList()))
                .storage(storageOutputs(cognito.region()))
                .fieldgate(fieldgate.adminCredentialsFile(adminCredentials).build())
                .build();
    }

    /** Amplify's {@code storage} section for the declared buckets; null when the app stores no files. */
    private StorageOutputs storageOutputs(String region) {
        if (storage.isEmpty()) {
            return null;
        }
        List<StorageOutputs.Bucket> buckets = new ArrayList<>();
        for (StorageBucket bucket : storage.buckets()) {
            buckets.add(new StorageOutputs.Bucket(
                    bucket.name(), physicalBucket(bucket.name()), region, StoragePolicy.amplifyAccess(bucket)));
        }
        return new StorageOutputs(region, buckets.get(0).bucketName(), buckets);
    }

    private static Path temporaryS3Root() {
        try {
            return Files.createTempDirectory(
                    "fieldgate-s3-",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (IOException | UnsupportedOperationException e) {
            throw new LocalConfigException("No temporary directory for the local S3: " + e.getMessage(), e);
        }
    }

    /** The state's CA; TLS is offered on loopback only, the names its certificates may vouch for. */
    private LocalCertificates certificates() {
        String bind = settings.bindAddress();
        if (!bind.equals("127.0.0.1") && !bind.equals("localhost") && !bind.equals("::1")) {
            throw new LocalConfigException("TLS is offered on the loopback address only (its certificates name "
                    + "localhost, 127.0.0.1 and ::1); bind to 127.0.0.1 or turn TLS off.");
        }
        return LocalCertificates.open(store, new SecureRandom());
    }

    private String schemaSource() {
        if (settings.schemaText() != null) {
            return settings.schemaText();
        }
        Path file = settings.schemaFile() != null
                ? settings.schemaFile()
                : config.schema().orElse(null);
        if (file == null) {
            throw new LocalConfigException("No schema: set \"schema\" in fieldgate.json or call schemaFile(path).");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalConfigException("The schema " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private LocalFunction functionSpec() {
        if (settings.withoutFunction()) {
            return null;
        }
        if (settings.function() != null) {
            return settings.function();
        }
        if (config.function().isEmpty()) {
            return null;
        }
        FunctionConfig f = config.function().get();
        return LocalFunction.builder()
                .artifact(f.artifact())
                .handler(f.handler())
                .environment(f.environment())
                .timeout(Duration.ofSeconds(f.timeoutSeconds()))
                .memoryMb(f.memoryMb())
                .build();
    }

    private CompiledSchema compile(String sdl) {
        SchemaCompiler compiler = SchemaCompiler.create();
        ApiAuthorization modes = settings.authorization();
        if (modes == null && settings.userPoolDefaultAction() != null) {
            ApiAuthorization declared = SchemaCompiler.create()
                    .compile(sdl, "schema.graphql")
                    .manifest()
                    .api();
            modes = new ApiAuthorization(
                    declared.defaultAuthMode(), declared.additionalAuthModes(), settings.userPoolDefaultAction());
        }
        if (modes != null) {
            compiler = SchemaCompiler.withApi(modes);
        }
        try {
            return compiler.compile(sdl, "schema.graphql");
        } catch (PolicyException e) {
            throw new LocalConfigException("The schema does not compile: " + e.getMessage(), e);
        }
    }

    /** Terraform's regex: the app's own clients. */
    private static String clientRegex(UserPool pool) {
        List<String> ids = new ArrayList<>();
        pool.clients().forEach(c -> ids.add(Pattern.quote(c.clientId())));
        return "^(" + String.join("|", ids) + ")$";
    }

    /**
     * Starts the function's init in the background; returns how another handler of the same artifact (a scheduled
     * function) is set up: the same environment and role session, a function name of its own, no SnapStart.
     */
    private Function<String, LambdaFunction.Settings> startFunction(
            LocalFunction spec, CredentialsRegistry registry, String tablePrefix, URI endpoint) {
        String accountId = registry.accountId();
        CredentialsRegistry.Issued session = FunctionRole.startSession(
                registry, accountId, functionName(), settings.clock().instant());
        function.set(LambdaFunction.start(
                functionSettings(spec, accountId, tablePrefix, endpoint, session), settings.clock()));
        return handler -> {
            LambdaFunction.Settings same = functionSettings(
                    spec.toBuilder().handler(handler).build(), accountId, tablePrefix, endpoint, session);
            return new LambdaFunction.Settings(
                    scheduledName(handler),
                    same.classPath(),
                    same.handler(),
                    same.systemProperties(),
                    same.timeout(),
                    same.memoryMb(),
                    same.region(),
                    same.accountId(),
                    // The Terraform app module neither publishes scheduled functions nor turns SnapStart on for them.
                    false);
        };
    }

    private LambdaFunction.Settings functionSettings(
            LocalFunction spec, String accountId, String prefix, URI endpoint, CredentialsRegistry.Issued role) {
        Map<String, String> properties = new LinkedHashMap<>(spec.environment());
        // The resolver contract's environment, read from system properties when the process has none.
        properties.put("FIELDGATE_TABLE_PREFIX", prefix);
        // Plain HTTP on the loopback even when the port also speaks TLS (it serves both): the function need not
        // trust the local CA to reach the tables, as a function on AWS needs no setup to reach DynamoDB.
        properties.put("FIELDGATE_DYNAMODB_ENDPOINT", "http://" + endpoint.getRawAuthority());
        properties.put("AWS_REGION", config.region());
        properties.put("aws.region", config.region());
        // Its execution role's session, as Lambda hands it over: DynamoDB on the stack's port verifies SigV4 and lets
        // this role reach the app's tables only. System properties come first in the resolver contract's credential
        // chain, so a developer's own AWS_* variables never reach the local tables. They are process-wide: one stack
        // with a function per JVM at a time.
        properties.put("aws.accessKeyId", role.credentials().accessKeyId());
        properties.put("aws.secretAccessKey", role.credentials().secretAccessKey());
        properties.put("aws.sessionToken", role.sessionToken());
        if (!storage.isEmpty()) {
            // S3 on the stack's port (path-style), and the physical name of each bucket the function is granted on
            // (paths declared for "function"), for resolvers that hand out presigned URLs: FIELDGATE_BUCKET_<NAME>,
            // the name upper-cased with '-' as '_', as the Terraform app module sets them.
            properties.put(FUNCTION_S3_ENDPOINT, "http://" + endpoint.getRawAuthority());
            storage.functionStatements().stream()
                    .map(StorageStatement::bucket)
                    .distinct()
                    .forEach(b -> properties.put(bucketVariable(b), physicalBucket(b)));
        }
        return new LambdaFunction.Settings(
                functionName(),
                spec.classPath(),
                HandlerReference.parse(spec.handler()),
                properties,
                spec.timeout(),
                spec.memoryMb(),
                config.region(),
                accountId,
                spec.snapStart());
    }

    /** The console's path: its own requests (pages, polling) stay out of the request log. */
    public static final String CONSOLE_PATH = "/console";

    /** Who signs with an access key, as the request log names callers; never the key's secret. */
    static String callerOfKey(CredentialsRegistry registry, String accessKeyId) {
        if (accessKeyId.equals(registry.administrator().accessKeyId())) {
            return "admin key";
        }
        return registry.findIssued(accessKeyId)
                .map(issued -> {
                    if (issued.isServiceRoleSession()) {
                        return "role " + issued.roleName();
                    }
                    return ("authenticated".equals(issued.authType().wireName()) ? "identity " : "guest ")
                            + issued.identityId();
                })
                .orElse("unknown key " + accessKeyId);
    }

    /** A scheduled handler's function name: {@code <app>-local-<class, lower case>}. */
    private String scheduledName(String handler) {
        String className = HandlerReference.parse(handler).className();
        return config.app() + "-local-"
                + className.substring(className.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    /** The function's name, and its role's: {@code <app>-local-resolvers}, as the Terraform module names them. */
    private String functionName() {
        return config.app() + "-local-resolvers";
    }

    private void closeQuietly(Exception failure) {
        if (tables != null) {
            // DynamoDB Local is not closed under the tables' creation.
            tables.exceptionally(f -> null).join();
        }
        List<AutoCloseable> open = new ArrayList<>();
        open.add(function.get());
        open.add(realtime);
        open.add(hub);
        open.add(server);
        open.add(dynamoDb);
        if (cognitoStack != null) {
            open.add(cognitoStack::awaitKeysWritten);
        }
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
}
