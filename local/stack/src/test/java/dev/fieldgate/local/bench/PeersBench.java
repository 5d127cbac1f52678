package dev.fieldgate.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.sdk.srp.PasswordClaim;
import dev.fieldgate.sdk.srp.PasswordVerifierChallenge;
import dev.fieldgate.sdk.srp.SrpClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The local stack side by side with the tools a team would otherwise run: Amplify's AppSync simulator
 * ({@code amplify-appsync-simulator}) for the GraphQL endpoint and {@code cognito-local} for sign-in. Each server runs
 * in a process of its own and is charged the CPU time and memory the kernel counts for it; the runs are interleaved
 * (the order flips every round) and the load average is printed with each phase, since the machine may be shared.
 *
 * <p>Per round: the pins stack started on a new state directory (process start to the first authorized
 * {@code listPins}: a user created, signed in, and the query answered) and restarted on it (the first answer with a
 * token from before); then {@code listPins} (ten pins, a user-pool ID token) with N connections for D seconds;
 * then {@code InitiateAuth} {@code USER_PASSWORD_AUTH}, 200 sequential, then L more, then 200 again, and the same
 * with SRP ({@code USER_SRP_AUTH} and {@code PASSWORD_VERIFIER}, the client's side computed by the kit's SRP
 * client). The simulator answers the same query from a Lambda data source holding ten pins and does not verify the
 * token; cognito-local gets the same password sign-ins (it has no SRP). {@code fieldgate bench peers} installs the peers and runs this; see local/README.md.
 */
public final class PeersBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST_PINS =
            "{\"query\":\"{ listPins(limit: 10) { items { id title owner createdAt } } }\"}";
    private static final String PASSWORD = "Bench-Passw0rd!";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Options options;

    private PeersBench(Options options) {
        this.options = options;
    }

    /** Command-line options; {@code --stack-classpath}, {@code --peers} and {@code --work} are required. */
    record Options(
            Path root,
            Path peers,
            Path work,
            String stackJava,
            List<String> stackJavaOptions,
            String stackClasspath,
            int rounds,
            int seconds,
            int connections,
            int logins,
            boolean fieldgateOnly) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
            }
            for (String required : List.of("stack-classpath", "peers", "work")) {
                if (!values.containsKey(required)) {
                    throw new IllegalArgumentException("--" + required + " is required");
                }
            }
            String javaOptions = values.getOrDefault("stack-java-options", "").trim();
            return new Options(
                    Path.of(values.getOrDefault("root", ".")).toAbsolutePath().normalize(),
                    Path.of(values.get("peers")).toAbsolutePath(),
                    Path.of(values.get("work")).toAbsolutePath(),
                    values.getOrDefault(
                            "stack-java",
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString()),
                    javaOptions.isEmpty() ? List.of() : List.of(javaOptions.split("\\s+", -1)),
                    values.get("stack-classpath"),
                    Integer.parseInt(values.getOrDefault("rounds", "2")),
                    Integer.parseInt(values.getOrDefault("seconds", "20")),
                    Integer.parseInt(values.getOrDefault("connections", "32")),
                    Integer.parseInt(values.getOrDefault("logins", "2000")),
                    parseOnly(values.getOrDefault("only", "all")));
        }

        private static boolean parseOnly(String only) {
            return switch (only) {
                case "all" -> false;
                case "fieldgate" -> true;
                default -> throw new IllegalArgumentException("--only takes 'fieldgate' or 'all', not '" + only + "'");
            };
        }
    }

    record Start(double seconds, double cpuSeconds, long rssMegabytes) {}

    record Load(
            double requestsPerSecond,
            double cpuMillisPerRequest,
            double p50Millis,
            double p99Millis,
            long rssMegabytes,
            long failures) {}

    record SignIns(double median, double p99, double medianAfter, double p99After) {}

    /** One round's figures. */
    record Round(
            Start fieldgateNew,
            Start fieldgateRestart,
            Start simulator,
            Load fieldgateLoad,
            Load simulatorLoad,
            SignIns fieldgateSignIns,
            SignIns fieldgateSrpSignIns,
            SignIns cognitoLocalSignIns) {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PeersBench: " + e.getMessage());
            System.err.println(
                    "usage: PeersBench --stack-classpath CP --peers DIR --work DIR [--root DIR]"
                            + " [--stack-java JAVA] [--stack-java-options \"...\"] [--rounds 2] [--seconds 20] [--connections 32] [--logins 2000] [--only fieldgate]");
            System.exit(2);
            return;
        }
        List<Round> rounds = new PeersBench(options).run();
        if (options.fieldgateOnly()) {
            // The stack's own lines only (e.g. to profile it); the table needs the peers' figures.
            System.exit(0);
        }
        System.out.println();
        System.out.println(table(rounds, options));
        System.exit(0);
    }

    private List<Round> run() throws Exception {
        Files.createDirectories(options.work());
        System.out.printf(
                "%d rounds; listPins: %d connections for %d s; sign-in: 200, %d more, 200 again; %s%n",
                options.rounds(), options.connections(), options.seconds(), options.logins(), loadAverage());
        System.out.println("Fieldgate's stack runs with: " + options.stackJava() + " "
                + String.join(" ", options.stackJavaOptions()));
        warmUp();
        List<Round> rounds = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            Path state = options.work().resolve("round-" + round + "/fieldgate-state");
            deleteRecursively(state.getParent());
            boolean fieldgateFirst = round % 2 == 1;
            Start[] fieldgate = new Start[2];
            Load[] loads = new Load[2];
            SignIns[] signIns = new SignIns[2];
            SignIns srp = null;
            Start simulator = null;
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == fieldgateFirst) {
                    FieldgateRun run = fieldgate(round, state);
                    fieldgate[0] = run.fresh();
                    fieldgate[1] = run.restart();
                    loads[0] = run.load();
                    signIns[0] = run.signIns();
                    srp = run.srpSignIns();
                } else if (!options.fieldgateOnly()) {
                    SimulatorRun sim = simulator(round);
                    simulator = sim.start();
                    loads[1] = sim.load();
                    signIns[1] = cognitoLocal(round);
                }
            }
            rounds.add(
                    new Round(fieldgate[0], fieldgate[1], simulator, loads[0], loads[1], signIns[0], srp, signIns[1]));
        }
        return rounds;
    }

    // ------------------------------------------------------------------ Fieldgate

    private record FieldgateRun(Start fresh, Start restart, Load load, SignIns signIns, SignIns srpSignIns) {}

    private record StackInfo(
            URI endpoint, URI graphql, String region, String poolId, String clientId, AwsBasicCredentials admin) {}

    private FieldgateRun fieldgate(int round, Path state) throws Exception {
        String email = "bench-" + round + "@example.com";
        Start fresh;
        String idToken;
        try (PeerProcess stack = startFieldgate(round, "new", state)) {
            StackInfo info = stackInfo(stack);
            idToken = newUser(info, email);
            fresh = awaitAnswer(stack, info.graphql(), idToken);
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 9; i++) {
                String body = "{\"query\":\"mutation($input: CreatePinInput!) { createPin(input: $input) { id } }\","
                        + "\"variables\":{\"input\":{\"title\":\"Pin " + i + "\",\"description\":\"A pin for the"
                        + " benchmark\",\"imageUrl\":\"https://example.com/pin.png\"}}}";
                HttpResponse<String> created = post(http, info.graphql(), idToken, body);
                if (created.statusCode() != 200 || created.body().contains("\"errors\"")) {
                    throw new IllegalStateException("createPin failed: " + created.body());
                }
            }
        }
        report("Fieldgate, new state", fresh);
        try (PeerProcess stack = startFieldgate(round, "restart", state)) {
            // The token from before the restart is still good: the keys that signed it are in the state.
            Start restart = awaitAnswer(stack, URI.create("http://127.0.0.1:" + fieldgatePort + "/graphql"), idToken);
            report("Fieldgate, restart from state", restart);
            StackInfo info = stackInfo(stack);
            Load load = load(stack, info.graphql(), idToken);
            SignIns signIns =
                    signIns("Fieldgate", stack, () -> signIn(info.endpoint(), info.region(), info.clientId(), email));
            // SRP, as Amplify and amazon-cognito-identity-js sign in: two round trips, the verifier computed here.
            SignIns srpSignIns = signIns(
                    "Fieldgate, SRP",
                    stack,
                    () -> srpSignIn(info.endpoint(), info.region(), info.poolId(), info.clientId(), email));
            return new FieldgateRun(fresh, restart, load, signIns, srpSignIns);
        }
    }

    /** Makes a confirmed user with the admin API and signs it in; its ID token. */
    private String newUser(StackInfo info, String email) {
        try (CognitoIdentityProviderClient admin = idp(info.endpoint(), info.region(), info.admin())) {
            admin.adminCreateUser(r -> r.userPoolId(info.poolId())
                    .username(email)
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(attribute("email", email), attribute("email_verified", "true")));
            admin.adminSetUserPassword(r -> r.userPoolId(info.poolId())
                    .username(email)
                    .password(PASSWORD)
                    .permanent(true));
        }
        return signIn(info.endpoint(), info.region(), info.clientId(), email).idToken();
    }

    /**
     * One unmeasured start of each before the rounds: the stack on a new state up to its first authorized answer
     * (with the user and sign-in that needs), and the simulator. The bench's own JVM and clients (the AWS SDK's, the
     * HTTP client) and the disk's cache are then as warm in the first round as in the next; otherwise the first
     * round's new-state start counts the bench warming up.
     */
    private void warmUp() throws Exception {
        Path state = options.work().resolve("round-0/fieldgate-state");
        deleteRecursively(state.getParent());
        try (PeerProcess stack = startFieldgate(0, "new", state)) {
            StackInfo info = stackInfo(stack);
            awaitAnswer(stack, info.graphql(), newUser(info, "warm-up@example.com"));
        }
        if (!options.fieldgateOnly()) {
            int port = freePort();
            try (PeerProcess simulator = startSimulator(0, port)) {
                awaitAnswer(simulator, URI.create("http://127.0.0.1:" + port + "/graphql"), unsignedIdToken());
            }
        }
        System.out.println("  warm-up: one unmeasured start of each; " + loadAverage());
    }

    /** The port of the Fieldgate stack started last (chosen before it starts, so it can be polled at once). */
    private int fieldgatePort;

    private PeerProcess startFieldgate(int round, String what, Path state) throws IOException {
        fieldgatePort = freePort();
        List<String> command = new ArrayList<>();
        command.add(options.stackJava());
        command.addAll(options.stackJavaOptions());
        command.addAll(List.of(
                "-cp",
                options.stackClasspath(),
                "dev.fieldgate.local.cli.LocalCommand",
                "--sample",
                "pins",
                "--root",
                options.root().toString(),
                "--port",
                Integer.toString(fieldgatePort),
                "--state",
                state.toString()));
        return PeerProcess.start(
                "fieldgate",
                command,
                options.root(),
                Map.of(),
                options.work().resolve("round-" + round + "/fieldgate-" + what + ".log"));
    }

    private StackInfo stackInfo(PeerProcess stack) {
        String endpoint = value(stack.awaitLine("AWS endpoint", START_TIMEOUT), 2);
        String secret = value(stack.awaitLine("Local admin secret", START_TIMEOUT), 3);
        return new StackInfo(
                URI.create(endpoint),
                URI.create(value(stack.awaitLine("GraphQL", START_TIMEOUT), 1)),
                value(stack.awaitLine("Region", START_TIMEOUT), 1),
                value(stack.awaitLine("User pool", START_TIMEOUT), 2),
                value(stack.awaitLine("App client web", START_TIMEOUT), 3),
                AwsBasicCredentials.create(value(stack.awaitLine("Local admin key", START_TIMEOUT), 3), secret));
    }

    private static String value(String line, int index) {
        return line.split("\\s+", -1)[index];
    }

    // ------------------------------------------------------------------ the peers

    private record SimulatorRun(Start start, Load load) {}

    private SimulatorRun simulator(int round) throws Exception {
        int port = freePort();
        try (PeerProcess simulator = startSimulator(round, port)) {
            URI graphql = URI.create("http://127.0.0.1:" + port + "/graphql");
            String token = unsignedIdToken();
            Start start = awaitAnswer(simulator, graphql, token);
            report("amplify-appsync-simulator", start);
            return new SimulatorRun(start, load(simulator, graphql, token));
        }
    }

    private PeerProcess startSimulator(int round, int port) throws IOException {
        Path script = options.root().resolve("local/stack/src/test/peers/appsync-simulator.js");
        return PeerProcess.start(
                "simulator",
                List.of("node", script.toString(), Integer.toString(port), Integer.toString(freePort())),
                options.peers(),
                Map.of("NODE_PATH", options.peers().resolve("node_modules").toString()),
                options.work().resolve("round-" + round + "/simulator.log"));
    }

    private SignIns cognitoLocal(int round) throws Exception {
        int port = freePort();
        Path directory = options.work().resolve("round-" + round + "/cognito-local");
        Files.createDirectories(directory);
        try (PeerProcess cognito = PeerProcess.start(
                "cognito-local",
                List.of(
                        "node",
                        options.peers()
                                .resolve("node_modules/cognito-local/lib/bin/start.js")
                                .toString()),
                directory,
                Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1"),
                options.work().resolve("round-" + round + "/cognito-local.log"))) {
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            String region = "us-east-1";
            AwsBasicCredentials any = AwsBasicCredentials.create("local", "local");
            String email = "bench@example.com";
            String clientId;
            try (CognitoIdentityProviderClient admin = idp(endpoint, region, any)) {
                String poolId = null;
                long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                while (poolId == null) {
                    cognito.requireAlive();
                    try {
                        poolId = admin.createUserPool(r -> r.poolName("bench"))
                                .userPool()
                                .id();
                    } catch (RuntimeException notYet) {
                        if (System.nanoTime() > deadline) {
                            throw notYet;
                        }
                        PeerProcess.pause(10);
                    }
                }
                String pool = poolId;
                clientId = admin.createUserPoolClient(r -> r.userPoolId(pool)
                                .clientName("web")
                                .explicitAuthFlows(
                                        ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                        .userPoolClient()
                        .clientId();
                admin.adminCreateUser(r -> r.userPoolId(pool)
                        .username(email)
                        .messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(attribute("email", email), attribute("email_verified", "true")));
                admin.adminSetUserPassword(r ->
                        r.userPoolId(pool).username(email).password(PASSWORD).permanent(true));
            }
            return signIns("cognito-local", cognito, () -> signIn(endpoint, region, clientId, email));
        }
    }

    // ------------------------------------------------------------------ measurements

    /** Polls until the query is answered with the pins; the time, CPU and memory from process start to then. */
    private Start awaitAnswer(PeerProcess process, URI graphql, String token) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            process.requireAlive();
            try {
                HttpResponse<String> response = post(http, graphql, token, LIST_PINS);
                if (response.statusCode() == 200
                        && response.body().contains("\"items\"")
                        && !response.body().contains("\"errors\"")) {
                    Duration elapsed = process.sinceStart();
                    return new Start(elapsed.toMillis() / 1000.0, process.cpuMillis() / 1000.0, process.rssMegabytes());
                }
                if (response.statusCode() != 200 && response.statusCode() != 503) {
                    throw new IllegalStateException(
                            process.name() + " answered " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException notListening) {
                // not listening yet
            }
            PeerProcess.pause(5);
        }
        throw new IllegalStateException(process.name() + " gave no answer within " + START_TIMEOUT);
    }

    /** {@code listPins} from N connections: 3 s to warm up, then D seconds counted. */
    private Load load(PeerProcess process, URI graphql, String token) throws InterruptedException {
        runLoad(graphql, token, Duration.ofSeconds(3), new ArrayList<>(), new AtomicLong());
        long cpuBefore = process.cpuMillis();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        long started = System.nanoTime();
        long count = runLoad(graphql, token, Duration.ofSeconds(options.seconds()), latencies, failures);
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpu = process.cpuMillis() - cpuBefore;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Load load = new Load(
                count / seconds,
                count == 0 ? 0 : (double) cpu / count,
                percentile(all, 0.50),
                percentile(all, 0.99),
                process.rssMegabytes(),
                failures.get());
        System.out.printf(
                "  %-30s listPins %.0f req/s, %.2f ms CPU per request, p50 %.1f ms, p99 %.1f ms,"
                        + " RSS after %d MB, %d failed; %s%n",
                process.name(),
                load.requestsPerSecond(),
                load.cpuMillisPerRequest(),
                load.p50Millis(),
                load.p99Millis(),
                load.rssMegabytes(),
                load.failures(),
                loadAverage());
        return load;
    }

    private long runLoad(URI graphql, String token, Duration duration, List<long[]> latencies, AtomicLong failures)
            throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong total = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<long[]> perThread = new ArrayList<>();
        for (int c = 0; c < options.connections(); c++) {
            long[][] mine = {new long[1024]};
            int[] size = {0};
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = post(http, graphql, token, LIST_PINS);
                        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    }
                    if (size[0] == mine[0].length) {
                        mine[0] = Arrays.copyOf(mine[0], size[0] * 2);
                    }
                    mine[0][size[0]++] = System.nanoTime() - sent;
                }
                synchronized (perThread) {
                    perThread.add(Arrays.copyOf(mine[0], size[0]));
                }
                total.addAndGet(size[0]);
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        latencies.addAll(perThread);
        return total.get();
    }

    /** 200 sign-ins, then {@code logins} more, then 200 again: median and p99 of the first and the last 200. */
    private SignIns signIns(String name, PeerProcess process, Runnable signIn) {
        double[] first = timedSignIns(200, signIn);
        for (int i = 0; i < options.logins(); i++) {
            signIn.run();
        }
        double[] after = timedSignIns(200, signIn);
        process.requireAlive();
        SignIns result = new SignIns(
                percentile(first, 0.5), percentile(first, 0.99), percentile(after, 0.5), percentile(after, 0.99));
        System.out.printf(
                "  %-30s InitiateAuth median %.1f ms (p99 %.1f), after %d more: %.1f ms (p99 %.1f); %s%n",
                name,
                result.median(),
                result.p99(),
                options.logins(),
                result.medianAfter(),
                result.p99After(),
                loadAverage());
        return result;
    }

    private static double[] timedSignIns(int count, Runnable signIn) {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            signIn.run();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void report(String what, Start start) {
        System.out.printf(
                "  %-30s first authorized listPins %.2f s after process start (%.2f s CPU, RSS %d MB); %s%n",
                what, start.seconds(), start.cpuSeconds(), start.rssMegabytes(), loadAverage());
    }

    // ------------------------------------------------------------------ the table

    static String table(List<Round> rounds, Options options) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Medians of %d interleaved rounds; %s%n%n", rounds.size(), loadAverage()));
        out.append("| What | Fieldgate | Peer | Fieldgate ÷ peer |\n|---|---|---|---|\n");
        Start fgNew = medianStart(rounds, Round::fieldgateNew);
        Start fgRestart = medianStart(rounds, Round::fieldgateRestart);
        Start sim = medianStart(rounds, Round::simulator);
        row(
                out,
                "Process start → first authorized `listPins`, new state (user created and signed in)",
                String.format("%.2f s (%.2f s CPU)", fgNew.seconds(), fgNew.cpuSeconds()),
                String.format("simulator %.2f s (%.2f s CPU)", sim.seconds(), sim.cpuSeconds()),
                ratio(fgNew.seconds(), sim.seconds()));
        row(
                out,
                "… restart from state (token from before)",
                String.format("%.2f s (%.2f s CPU)", fgRestart.seconds(), fgRestart.cpuSeconds()),
                String.format("simulator %.2f s", sim.seconds()),
                ratio(fgRestart.seconds(), sim.seconds()));
        Load fgLoad = medianLoad(rounds, Round::fieldgateLoad);
        Load simLoad = medianLoad(rounds, Round::simulatorLoad);
        row(
                out,
                String.format("`listPins`, %d connections, %d s: requests/s", options.connections(), options.seconds()),
                String.format(
                        "%.0f (p50 %.1f ms, p99 %.1f ms)",
                        fgLoad.requestsPerSecond(), fgLoad.p50Millis(), fgLoad.p99Millis()),
                String.format(
                        "simulator %.0f (p50 %.1f ms, p99 %.1f ms)",
                        simLoad.requestsPerSecond(), simLoad.p50Millis(), simLoad.p99Millis()),
                ratio(fgLoad.requestsPerSecond(), simLoad.requestsPerSecond()) + " (higher is better)");
        row(
                out,
                "… CPU per request",
                String.format("%.2f ms", fgLoad.cpuMillisPerRequest()),
                String.format("simulator %.2f ms (verifies nothing)", simLoad.cpuMillisPerRequest()),
                ratio(fgLoad.cpuMillisPerRequest(), simLoad.cpuMillisPerRequest()));
        SignIns fgSignIn = medianSignIns(rounds, Round::fieldgateSignIns);
        SignIns clSignIn = medianSignIns(rounds, Round::cognitoLocalSignIns);
        row(
                out,
                "`InitiateAuth` `USER_PASSWORD_AUTH`, 200 sequential: median (p99)",
                String.format("%.1f ms (%.1f ms)", fgSignIn.median(), fgSignIn.p99()),
                String.format("cognito-local %.1f ms (%.1f ms)", clSignIn.median(), clSignIn.p99()),
                ratio(fgSignIn.median(), clSignIn.median()));
        row(
                out,
                String.format("… after %,d more logins of the same user", options.logins()),
                String.format("%.1f ms (%.1f ms)", fgSignIn.medianAfter(), fgSignIn.p99After()),
                String.format("cognito-local %.1f ms (%.1f ms)", clSignIn.medianAfter(), clSignIn.p99After()),
                ratio(fgSignIn.medianAfter(), clSignIn.medianAfter()));
        SignIns srpSignIn = medianSignIns(rounds, Round::fieldgateSrpSignIns);
        row(
                out,
                "`InitiateAuth` `USER_SRP_AUTH` + `PASSWORD_VERIFIER`, 200 sequential: median (p99)",
                String.format("%.1f ms (%.1f ms)", srpSignIn.median(), srpSignIn.p99()),
                String.format("cognito-local has no SRP; its password sign-in %.1f ms", clSignIn.median()),
                ratio(srpSignIn.median(), clSignIn.median()));
        row(
                out,
                String.format("… after %,d more SRP logins", options.logins()),
                String.format("%.1f ms (%.1f ms)", srpSignIn.medianAfter(), srpSignIn.p99After()),
                String.format("cognito-local password %.1f ms", clSignIn.medianAfter()),
                ratio(srpSignIn.medianAfter(), clSignIn.medianAfter()));
        row(
                out,
                "RSS at first answer / after load",
                String.format("%d / %d MB", fgRestart.rssMegabytes(), fgLoad.rssMegabytes()),
                String.format("simulator %d / %d MB", sim.rssMegabytes(), simLoad.rssMegabytes()),
                String.format(
                        "%s / %s",
                        ratio(fgRestart.rssMegabytes(), sim.rssMegabytes()),
                        ratio(fgLoad.rssMegabytes(), simLoad.rssMegabytes())));
        return out.toString();
    }

    private static void row(StringBuilder out, String what, String fieldgate, String peer, String ratio) {
        out.append("| ")
                .append(what)
                .append(" | ")
                .append(fieldgate)
                .append(" | ")
                .append(peer)
                .append(" | ")
                .append(ratio)
                .append(" |\n");
    }

    private static String ratio(long fieldgate, long peer) {
        return ratio((double) fieldgate, (double) peer);
    }

    private static String ratio(double fieldgate, double peer) {
        return peer == 0 ? "–" : String.format("%.2f×", fieldgate / peer);
    }

    private static Start medianStart(List<Round> rounds, Function<Round, Start> of) {
        List<Start> all = rounds.stream().map(of).toList();
        return new Start(median(all, Start::seconds), median(all, Start::cpuSeconds), (long)
                median(all, s -> (double) s.rssMegabytes()));
    }

    private static Load medianLoad(List<Round> rounds, Function<Round, Load> of) {
        List<Load> all = rounds.stream().map(of).toList();
        return new Load(
                median(all, Load::requestsPerSecond),
                median(all, Load::cpuMillisPerRequest),
                median(all, Load::p50Millis),
                median(all, Load::p99Millis),
                (long) median(all, l -> (double) l.rssMegabytes()),
                (long) median(all, l -> (double) l.failures()));
    }

    private static SignIns medianSignIns(List<Round> rounds, Function<Round, SignIns> of) {
        List<SignIns> all = rounds.stream().map(of).toList();
        return new SignIns(
                median(all, SignIns::median),
                median(all, SignIns::p99),
                median(all, SignIns::medianAfter),
                median(all, SignIns::p99After));
    }

    private static <T> double median(List<T> values, Function<T, Double> of) {
        double[] sorted = values.stream().mapToDouble(v -> of.apply(v)).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double percentile(long[] sortedNanos, double p) {
        return sortedNanos.length == 0
                ? 0
                : sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
    }

    // ------------------------------------------------------------------ helpers

    private static HttpResponse<String> post(HttpClient http, URI url, String token, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("Authorization", token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static CognitoIdentityProviderClient idp(URI endpoint, String region, AwsBasicCredentials credentials) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .build();
    }

    private final Map<URI, CognitoIdentityProviderClient> publicClients = new LinkedHashMap<>();

    private software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType signIn(
            URI endpoint, String region, String clientId, String username) {
        CognitoIdentityProviderClient client = publicClients.computeIfAbsent(
                endpoint, e -> idp(e, region, AwsBasicCredentials.create("anonymous", "anonymous")));
        return client.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD)))
                .authenticationResult();
    }

    private software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType srpSignIn(
            URI endpoint, String region, String poolId, String clientId, String username) {
        CognitoIdentityProviderClient client = publicClients.computeIfAbsent(
                endpoint, e -> idp(e, region, AwsBasicCredentials.create("anonymous", "anonymous")));
        SrpClient srp = SrpClient.start(poolId);
        Map<String, String> challenge = client.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(Map.of("USERNAME", username, "SRP_A", srp.srpA())))
                .challengeParameters();
        PasswordClaim claim =
                srp.respond(PasswordVerifierChallenge.fromChallengeParameters(challenge), PASSWORD, Instant.now());
        return client.respondToAuthChallenge(r -> r.clientId(clientId)
                        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                        .challengeResponses(claim.toChallengeResponses()))
                .authenticationResult();
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /** An ID-token-shaped JWT for the simulator, which decodes user-pool tokens without verifying them. */
    private static String unsignedIdToken() throws IOException {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "bench-user");
        claims.put("token_use", "id");
        claims.put("cognito:username", "bench-user");
        claims.put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench");
        claims.put("exp", Instant.now().plus(Duration.ofHours(1)).getEpochSecond());
        return base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(JSON.writeValueAsBytes(claims)) + "."
                + base64.encodeToString("not-verified".getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
            return "load average " + fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
