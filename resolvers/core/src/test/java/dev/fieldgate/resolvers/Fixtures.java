package dev.fieldgate.resolvers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.testing.AppSyncEvents;
import dev.fieldgate.testing.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recorded events, schemas compiled to manifests, JSON helpers; events come from {@code fieldgate-test-support}. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ALICE = "sub-alice";
    static final String BOB = "sub-bob";
    static final String ADMIN = "sub-admin";

    private static Manifest pins;
    private static Manifest notes;

    private Fixtures() {}

    static synchronized Manifest pins() {
        if (pins == null) {
            pins = SchemaCompiler.create()
                    .compile(Path.of("../../samples/pins/schema.graphql"))
                    .manifest();
        }
        return pins;
    }

    static synchronized Manifest notes() {
        if (notes == null) {
            notes = SchemaCompiler.create()
                    .compile(Path.of("src/test/resources/schemas/notes.graphql"))
                    .manifest();
        }
        return notes;
    }

    static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> resourceJson(String name) {
        return map(resource(name));
    }

    static Map<String, Object> map(byte[] json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> list(byte[] json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() {});
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

    /**
     * A Direct Lambda event for {@code type.field} as a JSON tree to send or break: the tests' shorthand for
     * {@code AppSyncEvents.field(type, field).caller(caller).arguments(arguments).source(source).toMap()}.
     */
    static Map<String, Object> event(
            String type, String field, Caller caller, Map<String, ?> arguments, Map<String, ?> source) {
        return AppSyncEvents.field(type, field)
                .caller(caller)
                .arguments(arguments)
                .source(source)
                .toMap();
    }

    static Map<String, Object> pin(String id, String owner) {
        Map<String, Object> pin = new LinkedHashMap<>();
        pin.put("id", id);
        pin.put("title", "Pin " + id);
        pin.put("imageUrl", "https://img.example.com/" + id + ".jpg");
        pin.put("owner", owner);
        pin.put("ownerContact", owner + "@example.com");
        pin.put("createdAt", "2025-11-20T10:00:00Z");
        pin.put("updatedAt", "2025-11-20T10:00:00Z");
        return pin;
    }
}
