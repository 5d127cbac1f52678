package dev.fieldgate.resolvers.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 * the same envelopes, no routing or policy); the difference is the runtime's overhead.
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

    private AppSyncResolver resolver;
    private byte[] getPin;
    private byte[] createPin;
    private byte[] deniedDelete;
    private byte[] ownerContactBatch;
    private byte[] authorBatch;
    private Map<String, Object> pin;

    record CreatePinInput(String title, String description, String imageUrl, String ownerContact) {
    }

    record CreatePin(CreatePinInput input) {
    }

    @Setup
    public void setUp() throws IOException {
        Path schema = Path.of(System.getProperty("fieldgate.schema", "samples/pins/schema.graphql"));
        Manifest manifest = SchemaCompiler.create().compile(schema).manifest();
        pin = new LinkedHashMap<>();
        pin.put("id", "p-1");
        pin.put("title", "Sunset over the bay");
        pin.put("description", "Taken from the pier");
        pin.put("imageUrl", "https://img.example.com/p-1.jpg");
        pin.put("owner", "sub-alice");
        pin.put("ownerContact", "alice@example.com");
        pin.put("createdAt", "2025-11-20T10:00:00Z");
        pin.put("updatedAt", "2025-11-20T10:00:00Z");
        Map<String, Object> profile = Map.of("owner", "sub-alice", "displayName", "Alice");
        resolver = AppSyncResolver.builder().manifest(manifest).include(Router.create()
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

        JsonNode userPool = event("user-pool-no-groups.json");
        JsonNode guest = event("iam-guest.json");
        getPin = JSON.writeValueAsBytes(userPool);
        ObjectNode create = userPool.deepCopy();
        create.set("arguments", JSON.valueToTree(Map.of("input", Map.of("title", "A new pin",
                "imageUrl", "https://img.example.com/new.jpg", "ownerContact", "alice@example.com"))));
        ((ObjectNode) create.get("info")).put("parentTypeName", "Mutation").put("fieldName", "createPin");
        createPin = JSON.writeValueAsBytes(create);
        ObjectNode denied = guest.deepCopy();
        denied.set("arguments", JSON.valueToTree(Map.of("id", "p-1")));
        ((ObjectNode) denied.get("info")).put("parentTypeName", "Mutation").put("fieldName", "deletePin");
        deniedDelete = JSON.writeValueAsBytes(denied);
        ownerContactBatch = JSON.writeValueAsBytes(batch(userPool, "ownerContact", 25));
        authorBatch = JSON.writeValueAsBytes(batch(guest, "author", 25));
    }

    private ArrayNode batch(JsonNode base, String field, int size) {
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < size; i++) {
            ObjectNode item = base.deepCopy();
            Map<String, Object> source = new LinkedHashMap<>(pin);
            source.put("id", "p-" + i);
            source.put("owner", i % 2 == 0 ? "7d8ca528-4931-4254-9273-ea5ee853f271" : "sub-bob");
            item.set("source", JSON.valueToTree(source));
            item.set("arguments", JSON.createObjectNode());
            ((ObjectNode) item.get("info")).put("parentTypeName", "Pin").put("fieldName", field);
            items.add(item);
        }
        return items;
    }

    private static JsonNode event(String name) throws IOException {
        try (InputStream in = InvocationBenchmark.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("no event fixture " + name));
            }
            return JSON.readTree(in);
        }
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
            envelopes[i] = sub.equals(source.get("owner")) ? Map.of("data", source.get("ownerContact"))
                    : Map.of("errorType", "Unauthorized");
        }
        return JSON.writeValueAsBytes(envelopes);
    }
}
