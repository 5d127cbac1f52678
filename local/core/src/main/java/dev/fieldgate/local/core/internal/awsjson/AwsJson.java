package dev.fieldgate.local.core.internal.awsjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.http.Cors;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The AWS JSON 1.1 protocol: reading inputs, writing outputs and errors with AWS's headers. */
public final class AwsJson {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private AwsJson() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses a request body; an empty body is the empty input {@code {}}. */
    public static ObjectNode parseInput(byte[] body) {
        if (body.length == 0) {
            return object();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AwsServiceException(
                    "SerializationException",
                    "Start of structure or map found where not" + " expected, or the request body is not valid JSON.");
        } catch (java.io.IOException e) {
            throw new AwsServiceException("SerializationException", "The request body could not be read.");
        }
        if (node == null || node.isMissingNode()) {
            return object();
        }
        if (!node.isObject()) {
            throw new AwsServiceException("SerializationException", "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    public static void writeOutput(HttpExchange exchange, String requestId, JsonNode output) {
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(output == null ? object() : output);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an output", e);
        }
        exchange.setHeader("x-amzn-RequestId", requestId);
        Cors.addResponseHeaders(exchange);
        exchange.respond(200, CONTENT_TYPE, body);
    }

    public static void writeError(HttpExchange exchange, String requestId, AwsServiceException error) {
        ObjectNode body = object();
        body.put("__type", error.type());
        if (error.getMessage() != null) {
            body.put("message", error.getMessage());
        }
        exchange.setHeader("x-amzn-RequestId", requestId);
        // Real Cognito appends ':' to the type; the SDKs read the part before it.
        exchange.setHeader("x-amzn-ErrorType", error.type() + ":");
        if (error.getMessage() != null) {
            exchange.setHeader("x-amzn-ErrorMessage", headerSafe(error.getMessage()));
        }
        Cors.addResponseHeaders(exchange);
        exchange.respond(error.status(), CONTENT_TYPE, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** Epoch seconds with millisecond precision, as AWS JSON timestamps are sent. */
    public static double timestamp(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    // ---- input accessors; each failure is the validation error AWS answers ----

    public static String requiredString(JsonNode input, String member) {
        return optionalString(input, member).orElseThrow(() -> AwsServiceException.missing(member));
    }

    public static Optional<String> optionalString(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new AwsServiceException(
                    "SerializationException",
                    "Expected a string for '" + member + "' but found " + value.getNodeType() + ".");
        }
        return Optional.of(value.asText());
    }

    public static Optional<Boolean> optionalBoolean(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new AwsServiceException(
                    "SerializationException",
                    "Expected a boolean for '" + member + "' but found " + value.getNodeType() + ".");
        }
        return Optional.of(value.asBoolean());
    }

    public static Optional<Integer> optionalInt(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new AwsServiceException(
                    "SerializationException",
                    "Expected an integer for '" + member + "' but found " + value.getNodeType() + ".");
        }
        return Optional.of(value.asInt());
    }

    /** A {@code map<string,string>} member (AuthParameters, ChallengeResponses, Logins, ...). */
    public static Map<String, String> stringMap(JsonNode input, String member) {
        JsonNode value = input.get(member);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            throw new AwsServiceException("SerializationException", "Expected a map for '" + member + "'.");
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (!field.getValue().isTextual()) {
                throw new AwsServiceException("SerializationException", "Expected string values in '" + member + "'.");
            }
            map.put(field.getKey(), field.getValue().asText());
        }
        return map;
    }

    /** A list of {@code {Name, Value}} attribute types (UserAttributes, ValidationData). */
    public static Map<String, String> attributeList(JsonNode input, String member) {
        JsonNode value = input.get(member);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isArray()) {
            throw new AwsServiceException("SerializationException", "Expected a list for '" + member + "'.");
        }
        for (JsonNode item : value) {
            JsonNode name = item.get("Name");
            JsonNode v = item.get("Value");
            if (name == null || !name.isTextual()) {
                throw AwsServiceException.missing(member + ".member.name");
            }
            map.put(name.asText(), v == null || v.isNull() ? null : v.asText());
        }
        return map;
    }

    private static String headerSafe(String message) {
        StringBuilder safe = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            safe.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return safe.toString();
    }
}
