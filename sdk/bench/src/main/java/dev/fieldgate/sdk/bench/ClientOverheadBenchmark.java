package dev.fieldgate.sdk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.RetryPolicy;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The SDK's own cost per call, side by side with the least a hand-written client must do for the same call:
 * serialize the request with Jackson, sign it with {@code AwsV4HttpSigner} (IAM, service {@code appsync}), send it
 * with {@code java.net.http}, parse the answer. The SDK adds typed decoding, error mapping, retry bookkeeping and
 * its authorizer indirection. Goal: {@code fieldgateClient} at most 1.2 times {@code baseline}.
 *
 * <ul>
 *   <li>{@code endpoint=static}: a local HTTP endpoint that answers every call with the same page of 20 pins, so
 *       the figures are the clients' own work (the typed result is a page of pins with dates and URLs);</li>
 *   <li>{@code endpoint=local}: the local stack's AppSync endpoint (SigV4 verified against the identity pool's
 *       guest credentials, the query executed and authorized), answering {@code { __typename }}.</li>
 * </ul>
 *
 * Run: {@code ./fieldgate bench sdk}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 2) // the client's decoding path needs about 20 s of calls to settle under C2
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class ClientOverheadBenchmark {

    /** The typed result of the static endpoint. */
    public static final class PinPage {
        public List<Pin> items;
        public String nextToken;
    }

    public static final class Pin {
        public String id;
        public String title;
        public String description;
        public URI imageUrl;
        public String owner;
        public OffsetDateTime createdAt;
        public OffsetDateTime updatedAt;
    }

    private static final String LIST_PINS = "query Pins($limit: Int) { listPins(limit: $limit) { items { id title "
            + "description imageUrl owner createdAt updatedAt } nextToken } }";
    private static final String TYPENAME = "query Typename { __typename }";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    @Param({"static", "local"})
    public String endpoint;

    private Server staticServer;
    private LocalStack stack;
    private IdentityPoolCredentialsProvider guest;
    private URI graphql;
    private String region;
    private AwsCredentials credentials;
    private FieldgateClient client;
    private GraphQLOperation<?> operation;
    private HttpClient http;
    private ObjectMapper json;
    private ObjectMapper typedJson;

    @Setup(Level.Trial)
    public void start() throws Exception {
        AwsCredentials signingCredentials;
        if (endpoint.equals("static")) {
            byte[] page = pageOfPins();
            staticServer = new Server();
            ServerConnector connector = new ServerConnector(staticServer);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            staticServer.addConnector(connector);
            staticServer.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    Content.Source.consumeAll(request);
                    response.getHeaders().put("Content-Type", "application/json; charset=UTF-8");
                    response.write(true, ByteBuffer.wrap(page), callback);
                    return true;
                }
            });
            staticServer.start();
            graphql = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/graphql");
            region = "us-east-1";
            signingCredentials =
                    AwsSessionCredentials.create("ASIABENCHMARK0000001", "benchmark-secret", "benchmark-session-token");
            operation =
                    GraphQLOperation.query(LIST_PINS, "listPins", PinPage.class).withVariable("limit", 20);
        } else {
            stack = LocalStack.builder()
                    .appConfigFile(Path.of("../../samples/pins/fieldgate.json"))
                    .withoutFunction()
                    .inMemory()
                    .port(0)
                    .start();
            FieldgateConfig config =
                    FieldgateConfig.fromOutputsJson(stack.outputs().toJson());
            graphql = config.graphqlEndpoint().orElseThrow();
            region = config.region();
            guest = IdentityPoolCredentialsProvider.builder()
                    .config(config)
                    .guest()
                    .build();
            signingCredentials = guest.resolveCredentials();
            operation = GraphQLOperation.query(TYPENAME, "__typename", String.class);
        }
        credentials = signingCredentials;
        client = FieldgateClient.builder()
                .config(FieldgateConfig.builder()
                        .region(region)
                        .graphqlEndpoint(graphql)
                        .build())
                .authorizer(AppSyncAuthorizer.iam(StaticCredentialsProvider.create(credentials)))
                .retryPolicy(RetryPolicy.none())
                .build();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        json = new ObjectMapper();
        typedJson = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
        // Both paths must work before they are timed.
        fieldgateClient();
        if (baseline().path("data").isMissingNode() || baselineTyped() == null) {
            throw new IllegalStateException("the baseline call failed");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        if (staticServer != null) {
            try {
                staticServer.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (guest != null) {
            guest.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The SDK: typed operation in, typed result out. */
    @Benchmark
    public Object fieldgateClient() {
        return client.execute(operation).data();
    }

    /** Raw java.net.http plus AwsV4HttpSigner: JSON in, JSON tree out, nothing else. */
    @Benchmark
    public JsonNode baseline() throws IOException, InterruptedException {
        return json.readTree(send());
    }

    /**
     * The same raw call decoded into the same types as the SDK's (java.time, URI), with no error handling: shows how
     * much of the difference to {@link #baseline()} is typed decoding rather than the SDK.
     */
    @Benchmark
    public Object baselineTyped() throws IOException, InterruptedException {
        JsonNode data = json.readTree(send()).path("data");
        String field = operation.resultField().orElseThrow();
        return typedJson.treeToValue(data.path(field), (Class<?>) operation.resultType());
    }

    private byte[] send() throws IOException, InterruptedException {
        ObjectNode request = json.createObjectNode();
        request.put("query", operation.document());
        if (!operation.variables().isEmpty()) {
            request.set("variables", json.valueToTree(operation.variables()));
        }
        byte[] body = json.writeValueAsBytes(request);
        SignedRequest signed = SIGNER.sign(r -> r.identity(credentials)
                .request(SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .uri(graphql)
                        .putHeader("Content-Type", "application/json")
                        .build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appsync")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder http = HttpRequest.newBuilder(graphql).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                http.header(name, values.get(0));
            }
        });
        HttpResponse<byte[]> response = this.http.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static byte[] pageOfPins() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode page = root.putObject("data").putObject("listPins");
        var items = page.putArray("items");
        for (int i = 0; i < 20; i++) {
            items.addObject()
                    .put("id", "0b6f3c1e-4a8d-4f57-9a1e-" + String.format("%012d", i))
                    .put("title", "Pin number " + i)
                    .put("description", "A bird seen on the coast, photographed at dawn from the dunes")
                    .put("imageUrl", "https://images.example.com/pins/" + i + ".jpg")
                    .put("owner", "2ba2087b-d069-446a-9760-7799440d6948")
                    .put("createdAt", "2024-03-05T09:03:0" + (i % 10) + ".123Z")
                    .put("updatedAt", "2024-03-05T09:03:0" + (i % 10) + ".123+01:00");
        }
        page.put("nextToken", "eyJpZCI6IjBiNmYzYzFlIn0=");
        return json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    }
}
