package dev.fieldgate.local.cli;

import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.ConfigException;
import dev.fieldgate.config.IdentityPoolConfig;
import dev.fieldgate.config.UserPoolConfig;
import dev.fieldgate.config.UserPoolGroup;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.appsync.LambdaErrorStyle;
import dev.fieldgate.local.appsync.LocalFunction;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.local.core.LocalStackException;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.DefaultAction;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * {@code fieldgate local}: runs an app's local stack (Cognito, identity pool, AppSync with its real-time endpoint,
 * the resolver function, DynamoDB Local) on one port until Ctrl-C, and prints where everything is.
 */
public final class LocalCommand {

    static final String USAGE = """
            usage: fieldgate local [--sample NAME | --config FILE] [options]

            Runs the app on one port: Cognito user pool and identity pool, AppSync (/graphql, /graphql/realtime)
            with the app's resolver function in-process, and DynamoDB Local. Stops cleanly on Ctrl-C; data stays
            in the state directory between runs.

              --sample NAME              a sample app: samples/NAME/fieldgate.json (e.g. pins) under --root
              --root DIR                 the repository root that holds samples/ (default: the current directory)
              --config FILE              the app's fieldgate.json (default: ./fieldgate.json if present)
              --environment NAME         run an environment's config: fieldgate.NAME.json beside fieldgate.json
              --env NAME                 merged over it, as Terraform deploys NAME (e.g. staging); state in
                                         .fieldgate/local/<app>-NAME
              --port N                   the port (default 4600; 0 picks a free one)
              --bind ADDRESS             the address to listen on (default 127.0.0.1)
              --state DIR                the state directory (default .fieldgate/local/<app>)
              --fresh                    empty the state directory first
              --in-memory                keep nothing between runs
              --outputs FILE             where to write amplify_outputs.json (default <state>/amplify_outputs.json)
              --console on|off           the web console at / (default: on when bound to a loopback address,
                                         off elsewhere; on elsewhere serves it to whoever reaches the port)
              --schedule HANDLER[@SECONDS]
                                         run another handler of the function's artifact with EventBridge's
                                         Scheduled Event, once at start and then every SECONDS (default 300), as
                                         a schedule rule does on AWS (repeatable; e.g. the directory sample's
                                         dev.fieldgate.samples.directory.FillUsers::handleRequest)
              --tls                      also speak TLS on the port (a local CA kept in the state directory) and
                                         name https/wss endpoints in the outputs file, for browsers and Amplify

            Overriding the config (or running without one):
              --schema FILE              the GraphQL schema
              --artifact JAR             the resolver function's jar
              --class-path PATHS         the function's jars and class folders, separated by ':'
              --handler STRING           the Lambda handler, package.Class::method
              --env NAME=VALUE           a function environment variable (repeatable), e.g. MAIN_CLASS=...
                                         (without '=', --env NAME is --environment NAME)
              --timeout SECONDS          the function's timeout
              --no-function              run without a resolver function (resolver fields are null)
              --default-auth MODE        AMAZON_COGNITO_USER_POOLS, AWS_IAM, API_KEY
              --additional-auth MODES    comma-separated, e.g. AWS_IAM
              --user-pool-default-action ALLOW|DENY
              --app-id-client-regex RE   the app clients whose tokens the API accepts
              --api-key | --no-api-key   issue an API key (the modes must include API_KEY)
              --query-depth-limit N      0 (none) to 75
              --introspection on|off
              --lambda-error-type function|unhandled
                                         the errorType of a field whose function threw: the exception's class
                                         (default) or Lambda:Unhandled
            Cognito without a config file:
              --app NAME --region REGION --client NAME (repeatable) --group NAME (repeatable)
              --guests on|off            identity-pool guests (default on)
            Terminal:
              --quiet                    no line per request (codes the user pool sends are still printed)
              --verbose                  log at debug level
              --training-run             start in memory on a free port, send one request down each first path
                                         (GraphQL, sign-in, guest credentials, SigV4, DynamoDB), stop: the
                                         session a JVM records its start-up cache from (see local/README.md)
            """;

    private LocalCommand() {}

    public static void main(String[] args) {
        configureLogging(List.of(args).contains("--verbose"));
        // Library noise printed straight to System.out (the resolver function's start) stays off the terminal.
        PrintStream out = new PrintStream(
                new NoiseFilter(new java.io.FileOutputStream(java.io.FileDescriptor.out)),
                true,
                java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(out);
        int code = run(args, out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs the command; returns an exit code, or -1 after a clean stop of a running stack. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("fieldgate local: " + e.getMessage() + " (fieldgate local --help lists the options)");
            return 2;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        LocalStack.Builder builder;
        try {
            builder = options.builder();
        } catch (IllegalArgumentException e) {
            err.println("fieldgate local: " + e.getMessage() + " (fieldgate local --help lists the options)");
            return 2;
        } catch (LocalStackException | dev.fieldgate.policy.PolicyException | ConfigException e) {
            err.println("fieldgate local: " + e.getMessage());
            return 1;
        }
        LocalStack stack;
        try {
            stack = builder.start();
        } catch (LocalStackException
                | dev.fieldgate.policy.PolicyException
                | ConfigException
                | IllegalArgumentException e) {
            err.println("fieldgate local: " + e.getMessage());
            return 1;
        }
        if (options.trainingRun) {
            return trainingRun(stack, out, err);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                // Said before closing: a closed server no longer knows its port.
                                String stoppedMessage = stoppedMessage(stack);
                                stack.close();
                                out.println();
                                out.println(stoppedMessage);
                                out.flush();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "fieldgate-local-shutdown"));
        options.configFiles().ifPresent(files -> out.println("App config: " + files));
        printSummary(stack, out);
        stack.cognito().outbox().onSent(message -> out.println(TerminalLines.sent(message, java.time.Instant.now())));
        if (!options.quiet) {
            stack.requestLog().onRecord(record -> out.println(TerminalLines.request(record)));
        }
        // Only reports; nothing waits for it, and a failure is printed, not lost.
        var unused = stack.functionReady().whenComplete((ok, failure) -> {
            if (failure == null) {
                out.println("Resolver function ready (" + stack.startupTime().toMillis() + " ms to listen).");
            } else {
                err.println("fieldgate local: the resolver function failed to start: " + rootMessage(failure));
            }
        });
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** Starts, answers a request down each first path, stops: the session a start-up cache is recorded from. */
    private static int trainingRun(LocalStack stack, PrintStream out, PrintStream err) {
        try (stack) {
            TrainingRun.run(stack);
            out.println("Training run of '" + stack.app() + "' done in "
                    + stack.startupTime().toMillis() + " ms to listen.");
            return 0;
        } catch (java.io.IOException | RuntimeException e) {
            err.println("fieldgate local: the training run failed: " + rootMessage(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** What Ctrl-C stopped, and where the data stays. */
    static String stoppedMessage(LocalStack stack) {
        String what = "Stopped the local stack for '" + stack.app() + "' on " + stack.endpoint()
                + " (Cognito, identity pool, AppSync, "
                + (stack.hasFunction() ? "the resolver function, " : "")
                + "DynamoDB Local).";
        return what
                + stack.stateDirectory()
                        .map(dir -> " Its data stays in " + dir + " for the next run (--fresh starts empty).")
                        .orElse(" It kept its data in memory only: nothing stays.");
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    static void printSummary(LocalStack stack, PrintStream out) {
        LocalAdminCredentials admin = stack.adminCredentials();
        out.println();
        out.println("Fieldgate local stack for '" + stack.app() + "' ready in "
                + stack.startupTime().toMillis() + " ms");
        out.println();
        if (stack.consoleServed()) {
            out.println("  Console            " + stack.endpoint() + "/");
        }
        out.println("  GraphQL            " + stack.graphqlEndpoint());
        out.println("  Real-time          " + stack.realtimeEndpoint());
        out.println("  AWS endpoint       " + stack.endpoint() + "   (cognito-idp, cognito-identity, dynamodb"
                + (stack.outputs().storage().isPresent() ? ", s3" : "") + ")");
        stack.outputs()
                .storage()
                .ifPresent(storage -> out.println("  S3 buckets         "
                        + String.join(
                                ", ",
                                storage.buckets().stream()
                                        .map(b -> b.bucketName())
                                        .toList())));
        List<String> hostedUi = hostedUiLinks(stack);
        if (!hostedUi.isEmpty()) {
            out.println("  Hosted UI sign-in  " + hostedUi.get(0));
            hostedUi.stream().skip(1).forEach(link -> out.println("                     " + link));
        }
        out.println();
        out.println("  Region             " + stack.region());
        out.println("  API id             " + stack.apiId() + "   ("
                + stack.authorization().modes() + ")");
        if (!stack.policy().hasKitRules()) {
            out.println("  Authorization      AppSync's directives only: the schema has no @auth rules, so no kit"
                    + " rules apply (IAM callers need a role policy of their own)");
        }
        stack.apiKey().ifPresent(key -> out.println("  API key            " + key));
        out.println("  User pool          " + stack.cognito().userPoolId());
        stack.cognito().clientIds().forEach((name, id) -> out.println("  App client " + pad(name, 8) + id));
        stack.cognito().identityPoolId().ifPresent(id -> out.println("  Identity pool      " + id));
        out.println("  Tables             " + stack.tablePrefix() + "*");
        out.println();
        out.println("  Local admin key    " + admin.accessKeyId());
        out.println("  Local admin secret " + admin.secretAccessKey());
        out.println("                     (SigV4 for Cognito admin operations and DynamoDB), e.g.");
        out.println("    " + awsCliExample(stack));
        out.println();
        stack.outputsFile().ifPresent(file -> out.println("  Outputs file       " + file));
        stack.stateDirectory().ifPresent(dir -> out.println("  State              " + dir));
        stack.caCertificateFile().ifPresent(ca -> {
            out.println("  TLS: trust the local CA " + ca);
            out.println("                     (Node: NODE_EXTRA_CA_CERTS=" + ca + "; curl: --cacert " + ca
                    + "; JVM: keytool -importcert -file " + ca + " -keystore <trust store>; browsers: import it"
                    + " as an authority)");
        });
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** An AWS CLI call that works as printed: the local key, its secret and the region, and the endpoint. */
    static String awsCliExample(LocalStack stack) {
        LocalAdminCredentials admin = stack.adminCredentials();
        return "AWS_ACCESS_KEY_ID=" + admin.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + admin.secretAccessKey()
                + " AWS_DEFAULT_REGION=" + stack.region() + " aws dynamodb list-tables --endpoint-url "
                + stack.endpoint();
    }

    /**
     * The hosted UI's sign-in page for each app client that uses it: {@code /oauth2/authorize} with the client's id,
     * its first callback URL and the code flow (the page answers 400 without them, as Cognito's does).
     */
    static List<String> hostedUiLinks(LocalStack stack) {
        List<String> links = new ArrayList<>();
        for (var client : stack.cognito().config().userPool().clients()) {
            if (!client.allowedOAuthFlows().contains("code")
                    || client.callbackUrls().isEmpty()) {
                continue;
            }
            links.add(stack.cognito().oauthBaseUri() + "/oauth2/authorize?client_id="
                    + stack.cognito().clientId(client.name()) + "&response_type=code&scope="
                    + encode(String.join(" ", client.allowedOAuthScopes())) + "&redirect_uri="
                    + encode(client.callbackUrls().get(0)) + "   (" + client.name() + ")");
        }
        return links;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    private static void configureLogging(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
        // Libraries' chatter stays out of the console unless asked for.
        for (String quiet : List.of(
                "org.eclipse.jetty", "com.amazonaws", "software.amazon", "org.springframework", "org.hibernate")) {
            setIfAbsent("org.slf4j.simpleLogger.log." + quiet, verbose ? "info" : "warn");
        }
        if (verbose) {
            // DynamoDB Local warns with a stack trace for every error it answers (a failed condition, say); the
            // stack quiets that logger to ERROR unless asked for it, as --verbose does.
            setIfAbsent(
                    "org.slf4j.simpleLogger.log.com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler",
                    "warn");
        }
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9]{0,11}");

    /** The parsed command line. */
    static final class Options {
        boolean help;
        String sample;
        Path root;
        Path config;
        String environment;
        Integer port;
        String bind;
        Path state;
        boolean fresh;
        boolean inMemory;
        boolean tls;
        Path outputs;
        Path schema;
        List<Path> classPath;
        String handler;
        Map<String, String> env = new LinkedHashMap<>();
        Integer timeout;
        boolean noFunction;
        Map<String, Integer> schedules = new LinkedHashMap<>();
        AuthMode defaultAuth;
        List<AuthMode> additionalAuth;
        DefaultAction defaultAction;
        String clientRegex;
        Boolean apiKey;
        Integer depth;
        Boolean introspection;
        LambdaErrorStyle errorStyle;
        String app;
        String region;
        List<String> clients = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        boolean guests = true;
        boolean quiet;
        Boolean console;
        boolean trainingRun;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help", "help" -> o.help = true;
                    case "--verbose" -> {}
                    case "--quiet" -> o.quiet = true;
                    case "--training-run" -> o.trainingRun = true;
                    case "--console" -> o.console = onOff(value(args, ++i, arg), arg);
                    case "--sample" -> o.sample = value(args, ++i, arg);
                    case "--root" -> o.root = Path.of(value(args, ++i, arg));
                    case "--config" -> o.config = Path.of(value(args, ++i, arg));
                    case "--environment" -> o.environment = value(args, ++i, arg);
                    case "--port" -> o.port = integer(value(args, ++i, arg), arg, 0, 65535);
                    case "--bind" -> o.bind = value(args, ++i, arg);
                    case "--state" -> o.state = Path.of(value(args, ++i, arg));
                    case "--fresh" -> o.fresh = true;
                    case "--in-memory" -> o.inMemory = true;
                    case "--tls" -> o.tls = true;
                    case "--outputs" -> o.outputs = Path.of(value(args, ++i, arg));
                    case "--schema" -> o.schema = Path.of(value(args, ++i, arg));
                    case "--artifact" -> o.classPath = List.of(Path.of(value(args, ++i, arg)));
                    case "--class-path" -> {
                        o.classPath = new ArrayList<>();
                        for (String entry : value(args, ++i, arg).split(java.io.File.pathSeparator, -1)) {
                            if (!entry.isBlank()) {
                                o.classPath.add(Path.of(entry));
                            }
                        }
                    }
                    case "--handler" -> o.handler = value(args, ++i, arg);
                    case "--env" -> {
                        // --env NAME selects an environment, --env NAME=VALUE sets a function variable.
                        String pair = value(args, ++i, arg);
                        int eq = pair.indexOf('=');
                        if (eq < 0) {
                            o.environment = pair;
                        } else if (eq == 0) {
                            throw new IllegalArgumentException(
                                    "--env takes an environment NAME or a variable NAME=VALUE, not '" + pair + "'");
                        } else {
                            o.env.put(pair.substring(0, eq), pair.substring(eq + 1));
                        }
                    }
                    case "--timeout" -> o.timeout = integer(value(args, ++i, arg), arg, 1, 900);
                    case "--no-function" -> o.noFunction = true;
                    case "--schedule" -> {
                        String schedule = value(args, ++i, arg);
                        int at = schedule.lastIndexOf('@');
                        String handler = at < 0 ? schedule : schedule.substring(0, at);
                        int seconds = at < 0 ? 300 : integer(schedule.substring(at + 1), arg, 1, 86_400);
                        if (!handler.contains("::") && !handler.contains(".")) {
                            throw new IllegalArgumentException(
                                    "--schedule takes a handler, package.Class::method[@SECONDS], not '" + schedule
                                            + "'");
                        }
                        o.schedules.put(handler, seconds);
                    }
                    case "--default-auth" -> o.defaultAuth = mode(value(args, ++i, arg));
                    case "--additional-auth" -> {
                        o.additionalAuth = new ArrayList<>();
                        for (String mode : value(args, ++i, arg).split(",", -1)) {
                            if (!mode.isBlank()) {
                                o.additionalAuth.add(mode(mode.trim()));
                            }
                        }
                    }
                    case "--user-pool-default-action" -> {
                        String action = value(args, ++i, arg).toUpperCase(Locale.ROOT);
                        if (!action.equals("ALLOW") && !action.equals("DENY")) {
                            throw new IllegalArgumentException("--user-pool-default-action is ALLOW or DENY");
                        }
                        o.defaultAction = DefaultAction.valueOf(action);
                    }
                    case "--app-id-client-regex" -> o.clientRegex = value(args, ++i, arg);
                    case "--api-key" -> o.apiKey = true;
                    case "--no-api-key" -> o.apiKey = false;
                    case "--query-depth-limit" -> o.depth = integer(value(args, ++i, arg), arg, 0, 75);
                    case "--introspection" -> o.introspection = onOff(value(args, ++i, arg), arg);
                    case "--lambda-error-type" -> {
                        String style = value(args, ++i, arg);
                        o.errorStyle = switch (style) {
                            case "function" -> LambdaErrorStyle.FUNCTION_ERROR_TYPE;
                            case "unhandled" -> LambdaErrorStyle.LAMBDA_UNHANDLED;
                            default ->
                                throw new IllegalArgumentException(
                                        "--lambda-error-type is function or unhandled, not '" + style + "'");
                        };
                    }
                    case "--app" -> o.app = value(args, ++i, arg);
                    case "--region" -> o.region = value(args, ++i, arg);
                    case "--client" -> o.clients.add(value(args, ++i, arg));
                    case "--group" -> o.groups.add(value(args, ++i, arg));
                    case "--guests" -> o.guests = onOff(value(args, ++i, arg), arg);
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            if (o.trainingRun) {
                // Whatever else the command line says, a training run touches no state, port or outputs file.
                o.inMemory = true;
                o.port = 0;
                o.outputs = null;
                o.fresh = false;
                o.schedules.clear();
            }
            if (o.sample != null) {
                if (o.config != null) {
                    throw new IllegalArgumentException("give --sample or --config, not both");
                }
                Path root = o.root == null ? Path.of("") : o.root;
                o.config = root.resolve("samples").resolve(o.sample).resolve("fieldgate.json");
                if (!Files.isRegularFile(o.config)) {
                    throw new IllegalArgumentException("no sample '" + o.sample + "': " + o.config.toAbsolutePath()
                            + " does not exist (run from the repository root or give --root)");
                }
            } else if (o.root != null) {
                throw new IllegalArgumentException("--root goes with --sample");
            }
            if (o.config == null && o.schema == null && Files.isRegularFile(Path.of("fieldgate.json"))) {
                o.config = Path.of("fieldgate.json");
            }
            if (o.config == null && o.app == null) {
                throw new IllegalArgumentException("give the app's config (--config fieldgate.json or --sample pins),"
                        + " or --app, --region and --schema");
            }
            if (o.environment != null && o.config == null) {
                throw new IllegalArgumentException(
                        "--environment selects an overlay of the app's config: give" + " --config or --sample too");
            }
            if (o.environment != null && !ENVIRONMENT.matcher(o.environment).matches()) {
                throw new IllegalArgumentException("--environment takes 1-12 lower-case letters and digits, starting"
                        + " with a letter (such as dev, staging or prod), not '" + o.environment + "'");
            }
            return o;
        }

        /**
         * The app config the stack runs with: the config file, with the environment's overlay merged over it when
         * {@code --environment} is given (docs/app-config.md); null without a config file.
         */
        AppConfig appConfig() {
            return config == null ? null : AppConfig.read(config, environment);
        }

        /** The files the app config comes from, as printed at start-up; empty without a config file. */
        Optional<String> configFiles() {
            if (config == null) {
                return Optional.empty();
            }
            if (environment == null) {
                return Optional.of(config.toString());
            }
            Path overlay = AppConfig.overlayFile(config, environment);
            return Optional.of(config
                    + (Files.isRegularFile(overlay)
                            ? " with " + overlay.getFileName() + " (environment " + environment + ")"
                            : " (environment " + environment + " has no " + overlay.getFileName() + ")"));
        }

        /** The state directory: --state, or .fieldgate/local/<app>, one per environment. */
        Path stateDirectory(String appName) {
            if (state != null) {
                return state;
            }
            return Path.of(".fieldgate", "local", environment == null ? appName : appName + "-" + environment);
        }

        LocalStack.Builder builder() {
            LocalStack.Builder b = LocalStack.builder();
            AppConfig appConfig = config == null ? cognitoFromFlags() : appConfig();
            b = b.config(appConfig);
            String appName = appConfig.app();
            b = b.tls(tls);
            if (console != null) {
                b = b.console(console);
            }
            b = b.port(port == null ? 4600 : port);
            if (bind != null) {
                b = b.bindAddress(bind);
            }
            if (inMemory) {
                b = b.inMemory();
            } else {
                Path directory = stateDirectory(appName);
                b = b.stateDirectory(directory).fresh(fresh);
                b = b.outputsFile(outputs != null ? outputs : directory.resolve("amplify_outputs.json"));
            }
            if (inMemory && outputs != null) {
                b = b.outputsFile(outputs);
            }
            if (schema != null) {
                b = b.schemaFile(schema);
            }
            if (noFunction) {
                b = b.withoutFunction();
            } else if (classPath != null || handler != null) {
                String handlerString = handler;
                if (handlerString == null && appConfig.function().isPresent()) {
                    // A new jar of the same app: the config's handler still names its entry point.
                    handlerString = appConfig.function().get().handler();
                    if (env.isEmpty()) {
                        env.putAll(appConfig.function().get().environment());
                    }
                    if (timeout == null) {
                        timeout = appConfig.function().get().timeoutSeconds();
                    }
                }
                if (classPath == null || handlerString == null) {
                    throw new IllegalArgumentException(
                            classPath == null
                                    ? "--handler needs --artifact (or --class-path) too"
                                    : "--artifact needs --handler: the config names no function whose handler it could use");
                }
                LocalFunction.Builder f = LocalFunction.builder()
                        .classPath(classPath)
                        .handler(handlerString)
                        .environment(env);
                if (timeout != null) {
                    f.timeout(Duration.ofSeconds(timeout));
                }
                b = b.function(f.build());
            } else if (!env.isEmpty() || timeout != null) {
                throw new IllegalArgumentException("--env and --timeout go with --artifact and --handler");
            }
            if (!schedules.isEmpty() && noFunction) {
                throw new IllegalArgumentException(
                        "--schedule runs a handler of the function's artifact: drop" + " --no-function");
            }
            for (Map.Entry<String, Integer> schedule : schedules.entrySet()) {
                b = b.schedule(schedule.getKey(), Duration.ofSeconds(schedule.getValue()));
            }
            if (defaultAuth != null || additionalAuth != null) {
                if (defaultAuth == null) {
                    throw new IllegalArgumentException("--additional-auth needs --default-auth");
                }
                b = b.authorization(new ApiAuthorization(
                        defaultAuth, additionalAuth == null ? List.of() : additionalAuth, defaultAction));
            } else if (defaultAction != null) {
                b = b.userPoolDefaultAction(defaultAction);
            }
            if (clientRegex != null) {
                b = b.appIdClientRegex(clientRegex);
            }
            if (apiKey != null) {
                b = b.apiKey(apiKey);
            }
            if (depth != null) {
                b = b.queryDepthLimit(depth);
            }
            if (introspection != null) {
                b = b.introspection(introspection);
            }
            if (errorStyle != null) {
                b = b.lambdaErrorStyle(errorStyle);
            }
            return b;
        }

        private AppConfig cognitoFromFlags() {
            if (app == null || region == null) {
                throw new IllegalArgumentException("without --config, give --app and --region");
            }
            if (schema == null) {
                throw new IllegalArgumentException("without --config, give --schema");
            }
            UserPoolConfig.Builder pool = UserPoolConfig.builder()
                    .name(app + "-users")
                    .usernameAttributes(List.of("email"))
                    .autoVerifiedAttributes(List.of("email"))
                    .requiredAttributes(List.of("email"));
            List<String> names = clients.isEmpty() ? List.of("web") : clients;
            for (String name : names) {
                pool.addClient(AppClientConfig.builder()
                        .name(name)
                        .explicitAuthFlows(
                                List.of("ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
                        .preventUserExistenceErrors("ENABLED")
                        .build());
            }
            for (String group : groups) {
                pool.addGroup(new UserPoolGroup(group, null, null));
            }
            return AppConfig.builder()
                    .app(app)
                    .region(region)
                    .userPool(pool.build())
                    .identityPool(new IdentityPoolConfig(app + "-identities", guests, List.of(names.get(0))))
                    .build();
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int integer(String text, String option, int min, int max) {
            try {
                int value = Integer.parseInt(text);
                if (value < min || value > max) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a whole number from " + min + " to " + max);
            }
        }

        private static boolean onOff(String text, String option) {
            return switch (text) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default -> throw new IllegalArgumentException(option + " is on or off, not '" + text + "'");
            };
        }

        private static AuthMode mode(String text) {
            try {
                return AuthMode.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown auth mode '" + text + "'; use one of " + List.of(AuthMode.values()));
            }
        }
    }
}
