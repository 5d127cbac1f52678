package dev.fieldgate.resolvers.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.Router;
import dev.fieldgate.testing.AppSyncEvents;
import dev.fieldgate.testing.Callers;
import dev.fieldgate.testing.EventBuilder;
import dev.fieldgate.testing.IamCaller;
import dev.fieldgate.testing.UserPoolCaller;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One warm invocation, bytes in to bytes out, on the pins policy with in-memory handlers (no store): what the
 * runtime adds to a request. {@code jacksonOnly*} do the same JSON work with Jackson alone (parse the event, write
 * the same envelopes, no routing or policy); the difference is the runtime's overhead. The events come from
 * {@code fieldgate-test-support}, with the headers of a recorded browser request.
 *
 * <p>Run from the repository root: {@code java -cp <resolvers test class path> org.openjdk.jmh.Main InvocationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The log level a deployed function runs at: the test resources turn the runtime's debug lines on, which would
// put a log write on every denial measured here.
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.log.dev.fieldgate=info")
public class InvocationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "7d8ca528-4931-4254-9273-ea5ee853f271";
    private static final Map<String, String> BROWSER_HEADERS = browserHeaders();

    private AppSyncResolver resolver;
    private byte[] getPin;
    private byte[] createPin;
    private byte[] deniedDelete;
    private byte[] ownerContactBatch;
    private byte[] authorBatch;
    private Map<String, Object> pin;

    record CreatePinInput(String title, String description, String imageUrl, String ownerContact) {}

    record CreatePin(CreatePinInput input) {}

    @Setup
    public void setUp() throws IOException {
        Path schema = Path.of(System.getProperty("fieldgate.schema", "samples/pins/schema.graphql"));
        Manifest manifest = SchemaCompiler.create().compile(schema).manifest();
        pin = new LinkedHashMap<>();
        pin.put("id", "p-1");
        pin.put("title", "Sunset over the bay");
        pin.put("description", "Taken from the pier");
        pin.put("imageUrl", "https://img.example.com/p-1.jpg");
        pin.put("owner", ALICE);
        pin.put("ownerContact", "alice@example.com");
        pin.put("createdAt", "2025-11-20T10:00:00Z");
        pin.put("updatedAt", "2025-11-20T10:00:00Z");
        Map<String, Object> profile = Map.of("owner", ALICE, "displayName", "Alice");
        resolver = AppSyncResolver.builder()
                .manifest(manifest)
                .include(Router.create()
                        .query("getPin", ctx -> pin)
                        .mutation("createPin", CreatePin.class, (args, ctx) -> {
                            Map<String, Object> created = new LinkedHashMap<>(pin);
                            created.put("title", args.input().title());
                            created.putAll(ctx.ownership().stamp());
                            return created;
                        })
                        .mutation("deletePin", ctx -> pin)
                        .batchResolver("Pin", "author", batch -> {
                            Object[] profiles = new Object[batch.size()];
                            java.util.Arrays.fill(profiles, profile);
                            return List.of(profiles);
                        }))
                .build();

        UserPoolCaller alice =
                Callers.userPool(ALICE).username("alice@example.com").email("alice@example.com");
        IamCaller guest = Callers.iamGuest();
        getPin = browser(AppSyncEvents.query("getPin")
                        .argument("id", "pin-1")
                        .caller(alice)
                        .selectionSet("id", "title", "owner", "ownerContact", "author", "author/displayName")
                        .variables(Map.of("id", "pin-1")))
                .toJson();
        createPin = browser(AppSyncEvents.mutation("createPin")
                        .caller(alice)
                        .input(Map.of(
                                "title",
                                "A new pin",
                                "imageUrl",
                                "https://img.example.com/new.jpg",
                                "ownerContact",
                                "alice@example.com"))
                        .selectionSet("id", "title"))
                .toJson();
        deniedDelete = browser(AppSyncEvents.mutation("deletePin")
                        .argument("id", "p-1")
                        .caller(guest)
                        .selectionSet("id", "title"))
                .toJson();
        ownerContactBatch = browser(AppSyncEvents.field("Pin", "ownerContact").caller(alice))
                .batch(sources(25))
                .toJson();
        authorBatch = browser(AppSyncEvents.field("Pin", "author").caller(guest).selectionSet("displayName"))
                .batch(sources(25))
                .toJson();
    }

    /** The parents of a BatchInvoke: pins, every other one the user's. */
    private List<Map<String, Object>> sources(int size) {
        List<Map<String, Object>> sources = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> source = new LinkedHashMap<>(pin);
            source.put("id", "p-" + i);
            source.put("owner", i % 2 == 0 ? ALICE : "sub-bob");
            sources.add(source);
        }
        return sources;
    }

    /** The headers a browser's request brings through CloudFront, as in a recorded event: part of what is parsed. */
    private static EventBuilder browser(EventBuilder event) {
        BROWSER_HEADERS.forEach(event::header);
        return event;
    }

    private static Map<String, String> browserHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-forwarded-for", "203.0.113.10, 70.132.60.120");
        headers.put("cloudfront-viewer-country", "DE");
        headers.put("cloudfront-is-tablet-viewer", "false");
        headers.put("via", "2.0 d1b0e7c2f3a4.cloudfront.net (CloudFront)");
        headers.put("cloudfront-forwarded-proto", "https");
        headers.put("origin", "https://pins.example.com");
        headers.put("content-length", "117");
        headers.put("accept-language", "en-US,en;q=0.9");
        headers.put("x-forwarded-proto", "https");
        headers.put("user-agent", "Mozilla/5.0 (X11; Linux x86_64)");
        headers.put("accept", "application/json, text/plain, */*");
        headers.put("cloudfront-is-mobile-viewer", "false");
        headers.put("cloudfront-is-smarttv-viewer", "false");
        headers.put("accept-encoding", "gzip, deflate, br");
        headers.put("referer", "https://pins.example.com/");
        headers.put("x-amzn-trace-id", "Root=1-6920a1b2-0123456789abcdef01234567");
        headers.put("x-amz-cf-id", "nU2a8V3q6JvQbVxwzZ3kC2jrxX2Hd4G2eQ1v1Qk4eZb0uV3d1Yx2Zg==");
        headers.put("x-forwarded-port", "443");
        headers.put("cloudfront-is-desktop-viewer", "true");
        return headers;
    }

    @Benchmark
    public byte[] getPinAsAUserPoolUser() {
        return resolver.handle(getPin, null);
    }

    @Benchmark
    public byte[] createPinWithBoundInputAndOwnerStamp() {
        return resolver.handle(createPin, null);
    }

    @Benchmark
    public byte[] deletePinDeniedForAGuest() {
        return resolver.handle(deniedDelete, null);
    }

    @Benchmark
    public byte[] ownerContactBatchOf25AnsweredByTheRuntime() {
        return resolver.handle(ownerContactBatch, null);
    }

    @Benchmark
    public byte[] authorBatchOf25Aggregate() {
        return resolver.handle(authorBatch, null);
    }

    /** The same JSON work as {@link #getPinAsAUserPoolUser()} without the runtime: parse, wrap, write. */
    @Benchmark
    public byte[] jacksonOnlyGetPin() throws IOException {
        JSON.readValue(getPin, Object.class);
        return JSON.writeValueAsBytes(Map.of("data", pin));
    }

    /** The same JSON work as {@link #ownerContactBatchOf25AnsweredByTheRuntime()} without the runtime. */
    @Benchmark
    public byte[] jacksonOnlyOwnerContactBatch() throws IOException {
        List<?> events = JSON.readValue(ownerContactBatch, List.class);
        Object[] envelopes = new Object[events.size()];
        for (int i = 0; i < envelopes.length; i++) {
            Map<?, ?> event = (Map<?, ?>) events.get(i);
            Map<?, ?> source = (Map<?, ?>) event.get("source");
            Object sub = ((Map<?, ?>) event.get("identity")).get("sub");
            envelopes[i] = sub.equals(source.get("owner"))
                    ? Map.of("data", source.get("ownerContact"))
                    : Map.of("errorType", "Unauthorized");
        }
        return JSON.writeValueAsBytes(envelopes);
    }
}
