package dev.fieldgate.resolvers.dynamodb.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.resolvers.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code nextToken}s: DynamoDB's {@code LastEvaluatedKey} (key attributes only: strings, numbers, binaries) as
 * URL-safe base64 JSON. A token that does not decode to such a key is a validation error.
 */
public final class PageTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOKEN_LENGTH = 4096;

    private PageTokens() {}

    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, Map<String, String>> key = new LinkedHashMap<>();
        lastEvaluatedKey.forEach((name, value) -> {
            if (value.s() != null) {
                key.put(name, Map.of("S", value.s()));
            } else if (value.n() != null) {
                key.put(name, Map.of("N", value.n()));
            } else if (value.b() != null) {
                key.put(
                        name,
                        Map.of("B", Base64.getEncoder().encodeToString(value.b().asByteArray())));
            }
        });
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(key));
        } catch (IOException e) {
            throw new IllegalStateException("could not encode a page token", e);
        }
    }

    public static Map<String, AttributeValue> decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            if (token.length() > MAX_TOKEN_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            byte[] json = Base64.getUrlDecoder().decode(token);
            Map<String, Map<String, String>> key = JSON.readValue(
                    new String(json, StandardCharsets.UTF_8), new TypeReference<Map<String, Map<String, String>>>() {});
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            key.forEach((name, typed) -> {
                if (typed == null || typed.size() != 1) {
                    throw new IllegalArgumentException("not a key attribute");
                }
                Map.Entry<String, String> entry = typed.entrySet().iterator().next();
                switch (entry.getKey()) {
                    case "S" -> values.put(name, AttributeValue.fromS(entry.getValue()));
                    case "N" -> values.put(name, AttributeValue.fromN(entry.getValue()));
                    case "B" ->
                        values.put(
                                name,
                                AttributeValue.fromB(SdkBytes.fromByteArray(
                                        Base64.getDecoder().decode(entry.getValue()))));
                    default -> throw new IllegalArgumentException("not a key attribute type");
                }
            });
            if (values.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return values;
        } catch (IOException | IllegalArgumentException e) {
            throw new ValidationException("Argument 'nextToken' is not a token this API issued", e);
        }
    }
}
