package dev.fieldgate.testing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The made-up values of test events: ids derived from a seed (the same caller gets the same ids in every run, and
 * no random generator is involved), tokens that look like tokens and verify nowhere, and the GraphQL text of a
 * selection set.
 */
public final class ExampleValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ExampleValues() {}

    /** A UUID that depends only on {@code seed}. */
    public static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A JWT's shape, {@code header.payload.signature}, with these claims and a signature that checks nothing. */
    public static String jwt(Map<String, ?> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kid", "example-key");
        header.put("alg", "RS256");
        return base64(header) + "." + base64(claims) + ".EXAMPLE-SIGNATURE";
    }

    /** The region an id starts with: {@code us-east-1} of {@code us-east-1_abc} or {@code us-east-1:abc}. */
    public static String regionOf(String id) {
        int end = id.indexOf('_') >= 0 ? id.indexOf('_') : id.indexOf(':');
        if (end <= 0) {
            throw new IllegalArgumentException("'" + id + "' does not start with a region, as in us-east-1_Example01 "
                    + "or us-east-1:aa11bb22-...");
        }
        return id.substring(0, end);
    }

    /**
     * The selection set as AppSync writes it in {@code selectionSetGraphQL}, from {@code selectionSetList} (nested
     * fields as {@code parent/child}); empty for a field that selects nothing below it.
     */
    public static String selectionSetGraphQL(List<String> paths) {
        if (paths.isEmpty()) {
            return "";
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String path : paths) {
            Map<String, Object> level = tree;
            for (String name : path.split("/", -1)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next =
                        (Map<String, Object>) level.computeIfAbsent(name, key -> new LinkedHashMap<String, Object>());
                level = next;
            }
        }
        StringBuilder text = new StringBuilder();
        render(tree, "", text);
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static void render(Map<String, Object> level, String indent, StringBuilder text) {
        text.append("{\n");
        level.forEach((name, children) -> {
            text.append(indent).append("  ").append(name);
            Map<String, Object> below = (Map<String, Object>) children;
            if (!below.isEmpty()) {
                text.append(' ');
                render(below, indent + "  ", text);
            }
            text.append('\n');
        });
        text.append(indent).append('}');
    }

    private static String base64(Map<String, ?> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims must be JSON values: " + e.getMessage(), e);
        }
    }
}
