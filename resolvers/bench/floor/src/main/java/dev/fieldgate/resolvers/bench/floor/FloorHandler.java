package dev.fieldgate.resolvers.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start floor: what the benchmark's events cost with no framework at all. It parses the event with
 * Jackson, answers with the same envelopes as the pins function (an owner check by string equality where the
 * pins function consults its policy), and reads a pin with the same SDK client, made on first use as the pins
 * function makes it.
 */
public final class FloorHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DynamoDbClient client;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        Object response;
        if (event.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : event) {
                items.add(resolve(item));
            }
            response = items;
        } else {
            response = resolve(event);
        }
        JSON.writeValue(output, response);
    }

    private static Map<String, Object> resolve(JsonNode event) {
        JsonNode info = event.path("info");
        String coordinate = info.path("parentTypeName").asText() + "."
                + info.path("fieldName").asText();
        JsonNode identity = event.path("identity");
        String sub = identity.path("sub").asText(null);
        return switch (coordinate) {
            case "Pin.ownerContact" -> ownerContact(event.path("source"), identity, sub);
            case "Query.getPin" -> getPin(event, sub);
            default -> error("ResolverNotFoundException", "No resolver for " + coordinate);
        };
    }

    private static Map<String, Object> ownerContact(JsonNode source, JsonNode identity, String sub) {
        boolean admin = false;
        for (JsonNode group : identity.path("groups")) {
            admin |= "Admins".equals(group.asText());
        }
        if (sub != null && (sub.equals(source.path("owner").asText(null)) || admin)) {
            return data(source.path("ownerContact").asText(null));
        }
        return error("Unauthorized", "Not Authorized to access ownerContact on type Pin");
    }

    private static Map<String, Object> getPin(JsonNode event, String sub) {
        if (sub == null) {
            return error("Unauthorized", "Not Authorized to access getPin on type Query");
        }
        Map<String, AttributeValue> item = client().getItem(r -> r.tableName(setting("FIELDGATE_TABLE_PREFIX") + "Pin")
                        .key(Map.of(
                                "id",
                                AttributeValue.fromS(
                                        event.path("arguments").path("id").asText()))))
                .item();
        if (item == null || item.isEmpty()) {
            return data(null);
        }
        Map<String, Object> pin = new LinkedHashMap<>();
        item.forEach((name, value) -> pin.put(name, value.s()));
        return data(pin);
    }

    private static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.US_EAST_1)
                    .endpointOverride(URI.create(setting("FIELDGATE_DYNAMODB_ENDPOINT")))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .build();
        }
        return client;
    }

    private static String setting(String name) {
        String value = System.getenv(name);
        return value != null ? value : System.getProperty(name, "");
    }

    private static Map<String, Object> data(Object value) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", value);
        return envelope;
    }

    private static Map<String, Object> error(String type, String message) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", null);
        envelope.put("errorType", type);
        envelope.put("errorMessage", message);
        envelope.put("errorInfo", null);
        return envelope;
    }
}
