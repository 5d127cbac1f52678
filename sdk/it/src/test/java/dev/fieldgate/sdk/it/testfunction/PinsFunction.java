package dev.fieldgate.sdk.it.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small resolver function for the pins schema that keeps pins in memory: enough of the API for the SDK's tests
 * against the local stack (the sample's own function runs Spring and DynamoDB, which these tests do not need). The
 * stack loads it in a class loader of its own through {@code dev.fieldgate.sdk.it.testfunction.PinsFunction::handleRequest}.
 */
public final class PinsFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, ObjectNode> PINS = new ConcurrentHashMap<>();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        if (event.isArray()) {
            ArrayNode results = NODES.arrayNode();
            for (JsonNode item : event) {
                results.add(handle(item));
            }
            JSON.writeValue(output, results);
        } else {
            JSON.writeValue(output, handle(event));
        }
    }

    private static ObjectNode handle(JsonNode event) {
        String type = event.at("/info/parentTypeName").asText();
        String field = event.at("/info/fieldName").asText();
        JsonNode args = event.path("arguments");
        ObjectNode envelope = NODES.objectNode();
        switch (type + "." + field) {
            case "Query.getPin" -> envelope.set("data", PINS.get(args.path("id").asText()));
            case "Query.listPins" -> {
                List<ObjectNode> newestFirst = new ArrayList<>(PINS.values());
                newestFirst.sort((a, b) -> b.path("createdAt")
                        .asText()
                        .compareTo(a.path("createdAt").asText()));
                int limit = args.path("limit").asInt(20);
                ObjectNode page = envelope.putObject("data");
                ArrayNode items = page.putArray("items");
                newestFirst.stream().limit(limit).forEach(items::add);
                page.putNull("nextToken");
            }
            case "Mutation.createPin" -> {
                JsonNode in = args.path("input");
                String now = Instant.now().toString();
                ObjectNode pin = NODES.objectNode();
                pin.put("id", UUID.randomUUID().toString());
                pin.set("title", in.path("title"));
                pin.set("description", in.path("description"));
                pin.set("imageUrl", in.path("imageUrl"));
                pin.set("ownerContact", in.path("ownerContact"));
                pin.put("owner", event.at("/identity/sub").asText());
                pin.put("createdAt", now);
                pin.put("updatedAt", now);
                PINS.put(pin.get("id").asText(), pin);
                envelope.set("data", pin);
            }
            case "Mutation.deletePin" ->
                envelope.set("data", PINS.remove(args.path("id").asText()));
            default -> {
                // A field resolver: the value the parent already holds.
                JsonNode value = event.path("source").get(field);
                envelope.set("data", value == null || value.isMissingNode() ? NODES.nullNode() : value);
            }
        }
        return envelope;
    }
}
