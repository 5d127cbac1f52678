package dev.fieldgate.verify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs file's {@code storage} section (Amplify's storage category, docs/outputs-file.md#storage), as far as the
 * storage check needs it: whether the environment has one, and each declared bucket's physical name.
 *
 * @param present whether the outputs file has a {@code storage} section
 * @param buckets physical bucket names by declared name
 */
public record StorageOutputs(boolean present, Map<String, String> buckets) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** No storage section. */
    public static final StorageOutputs NONE = new StorageOutputs(false, Map.of());

    public StorageOutputs {
        buckets = Map.copyOf(buckets);
    }

    /** Reads the section from the outputs file's text; {@link #NONE} without one (or for text that is not JSON). */
    public static StorageOutputs parse(String outputsJson) {
        JsonNode storage;
        try {
            storage = JSON.readTree(outputsJson).path("storage");
        } catch (JsonProcessingException e) {
            return NONE;
        }
        if (!storage.isObject()) {
            return NONE;
        }
        Map<String, String> buckets = new LinkedHashMap<>();
        for (JsonNode bucket : storage.path("buckets")) {
            String name = bucket.path("name").asText("");
            String physical = bucket.path("bucket_name").asText("");
            if (!name.isEmpty() && !physical.isEmpty()) {
                buckets.put(name, physical);
            }
        }
        return new StorageOutputs(true, buckets);
    }
}
