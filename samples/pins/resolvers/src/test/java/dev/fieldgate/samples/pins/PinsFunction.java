package dev.fieldgate.samples.pins;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.dynamodb.DynamoDbSettings;
import dev.fieldgate.testing.BatchInvoke;
import dev.fieldgate.testing.EventBuilder;
import dev.fieldgate.testing.dynamodb.DynamoDbLocal;
import dev.fieldgate.testing.dynamodb.LocalTables;
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
 * way), over the manifest's tables in DynamoDB Local ({@code fieldgate-test-support}). One per test JVM, shared by
 * the test classes; they send it events built with {@code AppSyncEvents} and {@code Callers}.
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
        manifest = Manifest.fromClasspath(AppSyncResolver.MANIFEST_RESOURCE);
        LocalTables tables = DynamoDbLocal.shared().createTables(manifest, PREFIX);
        System.setProperty("MAIN_CLASS", PinsApplication.class.getName());
        // FIELDGATE_TABLE_PREFIX, FIELDGATE_DYNAMODB_ENDPOINT, AWS_REGION
        tables.environment().forEach(System::setProperty);
        settings = DynamoDbSettings.fromEnvironment();
        client = settings.createClient();
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

    Map<String, Object> invoke(EventBuilder event) {
        return map(invokeBytes(event.toJson()));
    }

    /** An event as a JSON tree, e.g. a recorded one or one broken on purpose. */
    Map<String, Object> invoke(Map<String, Object> event) {
        return map(invokeBytes(bytes(event)));
    }

    List<Map<String, Object>> invokeBatch(BatchInvoke batch) {
        return list(invokeBytes(batch.toJson()));
    }

    List<Map<String, Object>> invokeBatch(List<Map<String, Object>> events) {
        return list(invokeBytes(bytes(events)));
    }

    private static List<Map<String, Object>> list(byte[] json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() { });
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
