package dev.fieldgate.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.core.LocalAdminCredentials;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Concurrent clients creating and reading pins over HTTP against a running pins stack, then counting what reached
 * the store. Four clients in five are signed-in users (with their own user each): every second request of theirs
 * creates a pin, the others read one; every fifth client is an identity-pool guest (SigV4) that lists and reads
 * pins. Every pin this run creates carries the run's marker in its title, so the count in DynamoDB is exact even on
 * a table that holds other pins.
 */
public final class PinsLoad {

    /** The password of the load run's users (meets the pins pool's policy). */
    static final String PASSWORD = "Load-Run-Passw0rd";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How much load: {@code clients} at once, each for {@code duration} or for {@code requestsPerClient} requests.
     */
    public record Settings(int clients, Duration duration, int requestsPerClient) {
        public Settings {
            if (clients < 1) {
                throw new IllegalArgumentException("clients must be at least 1");
            }
            if ((duration == null) == (requestsPerClient <= 0)) {
                throw new IllegalArgumentException("give either a duration or a number of requests per client");
            }
        }

        public static Settings timed(int clients, Duration duration) {
            return new Settings(clients, duration, 0);
        }

        public static Settings counted(int clients, int requestsPerClient) {
            return new Settings(clients, null, requestsPerClient);
        }
    }

    /**
     * What happened.
     *
     * @param statuses          HTTP status to count
     * @param graphQlErrors     200 responses that carried errors
     * @param acknowledged      pins whose createPin answered with an id
     * @param duplicateAcks     ids answered to more than one createPin
     * @param stored            pins of this run found in the table
     * @param lost              acknowledged pins missing from the table
     * @param unacknowledged    pins in the table no createPin answered for
     * @param latenciesNanos    every request's latency, sorted
     * @param latenciesByOperation the same per operation (createPin, getPin, listPins), sorted
     */
    @SuppressWarnings("ArrayRecordComponent") // sorted latency samples, read by index; records are never compared
    public record Result(
            long requests,
            Duration elapsed,
            Map<Integer, Long> statuses,
            long graphQlErrors,
            long acknowledged,
            long duplicateAcks,
            long stored,
            long lost,
            long unacknowledged,
            long[] latenciesNanos,
            Map<String, long[]> latenciesByOperation,
            List<String> sampleFailures) {

        public long serverErrors() {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() >= 500)
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        public long non200() {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() != 200)
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        public double requestsPerSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        /** The latency at a percentile (0 to 100), nearest rank. */
        public Duration percentile(double p) {
            return percentile(latenciesNanos, p);
        }

        private static Duration percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Duration.ZERO;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
        }

        /** True when nothing failed and every write is in the store exactly once. */
        public boolean consistent() {
            return serverErrors() == 0
                    && non200() == 0
                    && graphQlErrors == 0
                    && duplicateAcks == 0
                    && lost == 0
                    && unacknowledged == 0
                    && stored == acknowledged;
        }

        public String report() {
            return String.format(
                            "%d requests in %.1f s: %.0f requests/s; latency p50 %.1f ms, p90 %.1f ms, "
                                    + "p99 %.1f ms, max %.1f ms%nstatuses %s, GraphQL errors %d%n"
                                    + "writes: %d acknowledged, %d in the table, %d lost, %d duplicated, %d unacknowledged%s",
                            requests,
                            elapsed.toNanos() / 1e9,
                            requestsPerSecond(),
                            ms(percentile(50)),
                            ms(percentile(90)),
                            ms(percentile(99)),
                            ms(percentile(100)),
                            statuses,
                            graphQlErrors,
                            acknowledged,
                            stored,
                            lost,
                            duplicateAcks,
                            unacknowledged,
                            sampleFailures.isEmpty() ? "" : "%nfirst failures: " + sampleFailures)
                    + byOperation();
        }

        private String byOperation() {
            StringBuilder text = new StringBuilder();
            latenciesByOperation.forEach((operation, sorted) -> text.append(String.format(
                    "%n  %-10s %6d requests, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                    operation,
                    sorted.length,
                    ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 90)),
                    ms(percentile(sorted, 99)),
                    ms(percentile(sorted, 100)))));
            return text.toString();
        }

        private static double ms(Duration d) {
            return d.toNanos() / 1e6;
        }
    }

    private final LocalStack stack;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String marker = "load-" + UUID.randomUUID();

    private PinsLoad(LocalStack stack) {
        this.stack = stack;
    }

    /** Runs the load against the pins app on {@code stack} (its resolver function ready or starting). */
    public static Result run(LocalStack stack, Settings settings) {
        return new PinsLoad(stack).run(settings);
    }

    /** One client's way of authenticating a request body. */
    private interface Auth {
        Map<String, String> headers(String body);
    }

    private Result run(Settings settings) {
        stack.functionReady().join();
        List<Auth> auths = callers(settings.clients());
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong graphQlErrors = new AtomicLong();
        Map<String, Integer> acks = new ConcurrentHashMap<>();
        List<String> recentIds = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        long[][] latencies = new long[settings.clients()][];
        Map<String, List<Long>> byOperation = new ConcurrentHashMap<>();
        for (String operation : List.of("createPin", "getPin", "listPins")) {
            byOperation.put(operation, java.util.Collections.synchronizedList(new ArrayList<>()));
        }
        int[] counts = new int[settings.clients()];
        CountDownLatch ready = new CountDownLatch(settings.clients());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int c = 0; c < settings.clients(); c++) {
            int client = c;
            Thread thread = new Thread(
                    () -> {
                        Auth auth = auths.get(client);
                        boolean writer = client % 5 != 4;
                        long[] own = new long[1024];
                        int n = 0;
                        ready.countDown();
                        await(go);
                        long deadline = settings.duration() == null
                                ? Long.MAX_VALUE
                                : window[0] + settings.duration().toNanos();
                        for (int i = 0;
                                settings.duration() != null
                                        ? System.nanoTime() < deadline
                                        : i < settings.requestsPerClient();
                                i++) {
                            String body;
                            String operation;
                            boolean create = writer && i % 2 == 0;
                            if (create) {
                                operation = "createPin";
                                body = body(
                                        "mutation C($in: CreatePinInput!) { createPin(input: $in) { id title owner } }",
                                        Map.of(
                                                "in",
                                                Map.of(
                                                        "title",
                                                        marker + " " + client + "-" + i,
                                                        "imageUrl",
                                                        "https://img.example.com/" + client + "/" + i + ".jpg")));
                            } else if (!recentIds.isEmpty() && i % 3 != 0) {
                                operation = "getPin";
                                String id = recentIds.get(
                                        ThreadLocalRandom.current().nextInt(recentIds.size()));
                                body = body(
                                        "query G($id: ID!) { getPin(id: $id) { id title imageUrl owner createdAt } }",
                                        Map.of("id", id));
                            } else {
                                operation = "listPins";
                                body = body(
                                        "{ listPins(limit: 20) { items { id title owner author { displayName } } "
                                                + "nextToken } }",
                                        Map.of());
                            }
                            long started = System.nanoTime();
                            HttpResponse<String> response = post(auth.headers(body), body);
                            long took = System.nanoTime() - started;
                            if (n == own.length) {
                                own = Arrays.copyOf(own, n * 2);
                            }
                            own[n++] = took;
                            byOperation.get(operation).add(took);
                            int status = response == null ? 599 : response.statusCode();
                            statuses.computeIfAbsent(status, k -> new AtomicLong())
                                    .incrementAndGet();
                            if (status != 200) {
                                note(failures, status + " " + (response == null ? "no response" : response.body()));
                                continue;
                            }
                            JsonNode answer = parse(response.body());
                            if (answer.has("errors")) {
                                graphQlErrors.incrementAndGet();
                                note(failures, answer.get("errors").toString());
                                continue;
                            }
                            if (create) {
                                String id = answer.at("/data/createPin/id").asText("");
                                if (!id.isEmpty()) {
                                    acks.merge(id, 1, Integer::sum);
                                    if (recentIds.size() < 500) {
                                        recentIds.add(id);
                                    }
                                }
                            }
                        }
                        latencies[client] = Arrays.copyOf(own, n);
                        counts[client] = n;
                    },
                    "pins-load-" + c);
            threads.add(thread);
            thread.start();
        }
        await(ready);
        window[0] = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        window[1] = System.nanoTime();

        long requests = Arrays.stream(counts).asLongStream().sum();
        long[] all =
                Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        Map<Integer, Long> byStatus = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.get()));
        Set<String> stored = storedIds();
        long duplicates = acks.values().stream().filter(count -> count > 1).count();
        long lost = acks.keySet().stream().filter(id -> !stored.contains(id)).count();
        long unacknowledged =
                stored.stream().filter(id -> !acks.containsKey(id)).count();
        return new Result(
                requests,
                Duration.ofNanos(window[1] - window[0]),
                byStatus,
                graphQlErrors.get(),
                acks.size(),
                duplicates,
                stored.size(),
                lost,
                unacknowledged,
                all,
                sorted(byOperation),
                List.copyOf(failures));
    }

    private static Map<String, long[]> sorted(Map<String, List<Long>> byOperation) {
        Map<String, long[]> sorted = new java.util.TreeMap<>();
        byOperation.forEach((operation, list) -> sorted.put(
                operation, list.stream().mapToLong(Long::longValue).sorted().toArray()));
        return sorted;
    }

    private static void note(List<String> failures, String failure) {
        if (failures.size() < 5) {
            failures.add(failure.length() > 300 ? failure.substring(0, 300) + "…" : failure);
        }
    }

    /** The ids of this run's pins in the table, counted with a consistent scan of every page. */
    private Set<String> storedIds() {
        LocalAdminCredentials admin = stack.adminCredentials();
        Set<String> ids = new HashSet<>();
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint())
                .region(Region.of(stack.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(admin.accessKeyId(), admin.secretAccessKey())))
                .build()) {
            Map<String, AttributeValue> start = null;
            do {
                ScanRequest.Builder scan = ScanRequest.builder()
                        .tableName(stack.tableName("Pin"))
                        .consistentRead(true)
                        .projectionExpression("id, title");
                if (start != null) {
                    scan.exclusiveStartKey(start);
                }
                ScanResponse page = dynamo.scan(scan.build());
                for (Map<String, AttributeValue> item : page.items()) {
                    AttributeValue title = item.get("title");
                    if (title != null && title.s() != null && title.s().startsWith(marker + " ")) {
                        if (!ids.add(item.get("id").s())) {
                            throw new IllegalStateException("the scan returned an id twice: "
                                    + item.get("id").s());
                        }
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
        }
        return ids;
    }

    /** A user (ID token) for four clients in five, identity-pool guest credentials (SigV4) for the fifth. */
    private List<Auth> callers(int clients) {
        String region = stack.region();
        String poolId = stack.cognito().userPoolId();
        String clientId = stack.cognito().clientId("web");
        LocalAdminCredentials admin = stack.adminCredentials();
        List<Auth> auths = new ArrayList<>();
        try (CognitoIdentityProviderClient adminIdp = CognitoIdentityProviderClient.builder()
                        .endpointOverride(stack.endpoint())
                        .region(Region.of(region))
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(admin.accessKeyId(), admin.secretAccessKey())))
                        .build();
                CognitoIdentityProviderClient idp = CognitoIdentityProviderClient.builder()
                        .endpointOverride(stack.endpoint())
                        .region(Region.of(region))
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(AnonymousCredentialsProvider.create())
                        .build();
                CognitoIdentityClient identity = CognitoIdentityClient.builder()
                        .endpointOverride(stack.endpoint())
                        .region(Region.of(region))
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(AnonymousCredentialsProvider.create())
                        .build()) {
            for (int c = 0; c < clients; c++) {
                if (c % 5 == 4) {
                    String id = identity.getId(r -> r.identityPoolId(
                                    stack.cognito().identityPoolId().orElseThrow()))
                            .identityId();
                    Credentials creds = identity.getCredentialsForIdentity(r -> r.identityId(id))
                            .credentials();
                    AwsSessionCredentialsIdentity session = AwsSessionCredentialsIdentity.create(
                            creds.accessKeyId(), creds.secretKey(), creds.sessionToken());
                    auths.add(body -> sigV4(session, region, body));
                    continue;
                }
                String email = marker + "-" + c + "@example.com";
                adminIdp.adminCreateUser(r -> r.userPoolId(poolId)
                        .username(email)
                        .messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(
                                AttributeType.builder()
                                        .name("email")
                                        .value(email)
                                        .build(),
                                AttributeType.builder()
                                        .name("email_verified")
                                        .value("true")
                                        .build()));
                adminIdp.adminSetUserPassword(r ->
                        r.userPoolId(poolId).username(email).password(PASSWORD).permanent(true));
                String token = idp.initiateAuth(r -> r.clientId(clientId)
                                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                                .authParameters(Map.of("USERNAME", email, "PASSWORD", PASSWORD)))
                        .authenticationResult()
                        .idToken();
                Map<String, String> headers = Map.of("Authorization", token);
                auths.add(body -> headers);
            }
        }
        return auths;
    }

    private Map<String, String> sigV4(AwsSessionCredentialsIdentity credentials, String region, String body) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(stack.graphqlEndpoint())
                .putHeader("content-type", "application/json")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appsync")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC().withZone(ZoneOffset.UTC)));
        Map<String, String> headers = new HashMap<>();
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }

    private HttpResponse<String> post(Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.graphqlEndpoint())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
            request.header("content-type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String body(String query, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("errors", "not JSON: " + text);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The pins sample's {@code fieldgate.json}, from the repository root or from a module directory. */
    public static Path pinsConfig() {
        for (Path candidate :
                List.of(Path.of("samples/pins/fieldgate.json"), Path.of("../../samples/pins/fieldgate.json"))) {
            if (Files.isRegularFile(candidate)) {
                Path jar = candidate.toAbsolutePath().getParent().resolve("resolvers/target/pins-resolvers-lambda.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("The pins resolver function is not built (" + jar + " is missing):"
                            + " run `mvn -q -pl samples/pins/resolvers -am install -DskipTests` first.");
                }
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("samples/pins/fieldgate.json not found: run from the repository root or the"
                + " local module's directory.");
    }
}
