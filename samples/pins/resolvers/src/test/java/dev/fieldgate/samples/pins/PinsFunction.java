package dev.fieldgate.samples.pins;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.resolvers.dynamodb.ManifestTables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The pins function exactly as Lambda and the local stack run it: the handler string's class,
 * {@code FunctionInvoker}, constructed once with the function's settings as system properties (the local stack's
 * way), over tables created from the manifest in DynamoDB Local. One per test JVM, shared by the test classes.
 */
final class PinsFunction {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "pins-test-";

    private static PinsFunction instance;

    final FunctionInvoker invoker;
    final Manifest manifest;
    final DynamoDbSettings settings;
    final DynamoDbClient client;

    private PinsFunction() {
        System.setProperty("MAIN_CLASS", PinsApplication.class.getName());
        System.setProperty(DynamoDbSettings.DYNAMODB_ENDPOINT, LocalDynamoDb.endpoint().toString());
        System.setProperty(DynamoDbSettings.TABLE_PREFIX, PREFIX);
        System.setProperty(DynamoDbSettings.REGION, "us-east-1");
        manifest = Manifest.fromClasspath(AppSyncResolver.MANIFEST_RESOURCE);
        settings = DynamoDbSettings.fromEnvironment();
        client = settings.createClient();
        ManifestTables.create(client, manifest, settings);
        invoker = new FunctionInvoker();
    }

    static synchronized PinsFunction get() {
        if (instance == null) {
            instance = new PinsFunction();
        }
        return instance;
    }

    byte[] invokeBytes(byte[] event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            invoker.handleRequest(new ByteArrayInputStream(event), out, null);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> invoke(Object event) {
        return map(invokeBytes(bytes(event)));
    }

    List<Map<String, Object>> invokeBatch(List<?> events) {
        try {
            return JSON.readValue(invokeBytes(bytes(events)), new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> map(byte[] json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] fixture(String name) {
        try (InputStream in = PinsFunction.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded event with other arguments, field or source. */
    static Map<String, Object> fromFixture(String name, String type, String field, Map<String, ?> arguments,
                                          Map<String, ?> source) {
        Map<String, Object> event = new LinkedHashMap<>(map(fixture(name)));
        @SuppressWarnings("unchecked")
        Map<String, Object> info = new LinkedHashMap<>((Map<String, Object>) event.get("info"));
        info.put("parentTypeName", type);
        info.put("fieldName", field);
        event.put("info", info);
        event.put("arguments", arguments);
        event.put("source", source);
        return event;
    }
}
