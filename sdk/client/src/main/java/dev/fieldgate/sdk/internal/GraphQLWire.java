package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.fieldgate.sdk.GraphQLError;
import dev.fieldgate.sdk.GraphQLOperation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** GraphQL over JSON: request bodies out, {@code data} and AppSync-shaped {@code errors} in. */
public final class GraphQLWire {

    private final ObjectMapper mapper;
    private final ObjectMapper variablesMapper;
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

    public GraphQLWire(ObjectMapper mapper) {
        this.mapper = mapper;
        // GraphQL tells an absent input field (leave it) from a null one (clear it): the null properties of input
        // objects are left out, while a variable set to null in the map is still sent as null.
        this.variablesMapper = mapper.copy()
                .setDefaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** {@code {"query": ..., "operationName": ..., "variables": {...}}}. */
    public byte[] requestBody(GraphQLOperation<?> operation) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(operation.document().length() + 64);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            writeRequest(json, operation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JSON text AppSync's real-time {@code start} message carries as {@code payload.data}. */
    public String requestJson(GraphQLOperation<?> operation) {
        return new String(requestBody(operation), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void writeRequest(JsonGenerator json, GraphQLOperation<?> operation) throws IOException {
        json.writeStartObject();
        json.writeStringField("query", operation.document());
        if (operation.operationName().isPresent()) {
            json.writeStringField("operationName", operation.operationName().get());
        }
        if (!operation.variables().isEmpty()) {
            json.writeFieldName("variables");
            variablesMapper.writeValue(json, operation.variables());
        }
        json.writeEndObject();
    }

    public JsonNode readTree(byte[] body) throws IOException {
        return mapper.readTree(body);
    }

    /** Decodes a result node into the operation's result type; null and missing nodes give null. */
    @SuppressWarnings("unchecked")
    public <T> T decode(JsonNode node, GraphQLOperation<T> operation) throws IOException {
        Type type = operation.resultType();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type == JsonNode.class) {
            return (T) node;
        }
        ObjectReader reader = readers.computeIfAbsent(type, t -> {
            JavaType javaType = mapper.getTypeFactory().constructType(t);
            return mapper.readerFor(javaType);
        });
        return reader.readValue(node);
    }

    /** The {@code errors} array in AppSync's shape. */
    public static List<GraphQLError> errors(JsonNode root) {
        JsonNode array = root == null ? null : root.get("errors");
        if (array == null || !array.isArray() || array.isEmpty()) {
            return List.of();
        }
        List<GraphQLError> errors = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            List<Object> path = new ArrayList<>();
            for (JsonNode p : e.path("path")) {
                path.add(p.isInt() ? (Object) p.intValue() : p.asText());
            }
            List<GraphQLError.Location> locations = new ArrayList<>();
            for (JsonNode l : e.path("locations")) {
                locations.add(new GraphQLError.Location(
                        l.path("line").asInt(), l.path("column").asInt()));
            }
            errors.add(new GraphQLError(
                    e.path("message").asText(""),
                    text(e, "errorType"),
                    path,
                    locations,
                    nullIfNull(e.get("errorInfo")),
                    nullIfNull(e.get("data"))));
        }
        return errors;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode nullIfNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
