package dev.fieldgate.sdk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
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
 * The endpoints are {@link BenchEndpoint}'s ({@code static}: a page of 20 pins; {@code local}: the local stack).
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

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    @Param({"static", "local"})
    public String endpoint;

    private BenchEndpoint target;
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
        target = BenchEndpoint.start(endpoint);
        graphql = target.graphql;
        region = target.region;
        credentials = target.credentials;
        operation = target.operation;
        client = FieldgateClient.builder()
                .config(target.config())
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
        target.close();
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
}
