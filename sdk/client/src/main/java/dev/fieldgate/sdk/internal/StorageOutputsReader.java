package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.sdk.storage.PathRule;
import dev.fieldgate.sdk.storage.StorageAccess;
import dev.fieldgate.sdk.storage.StorageBucket;
import dev.fieldgate.sdk.storage.StorageConfig;
import dev.fieldgate.sdk.storage.StorageConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the outputs file's {@code storage} section (Amplify's format) and the S3 endpoint override of
 * {@code custom.fieldgate.endpoints}.
 */
public final class StorageOutputsReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A path's access key for a user-pool group is this word and the group's name: {@code groupseditors}. */
    private static final String GROUP_PREFIX = "groups";

    private StorageOutputsReader() {}

    public static StorageConfig.Builder read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new StorageConfigException(
                    "The outputs file " + file + " cannot be read (" + e.getMessage()
                            + "); write it with ./fieldgate local or the Terraform example, or give its path.",
                    e);
        }
        try {
            return parse(json);
        } catch (StorageConfigException e) {
            throw new StorageConfigException(file + ": " + e.getMessage(), e);
        }
    }

    public static StorageConfig.Builder parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StorageConfigException("The outputs file is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode storage = root == null ? null : root.get("storage");
        if (storage == null || !storage.isObject()) {
            throw new StorageConfigException("The outputs file has no storage section: declare storage in"
                    + " fieldgate.json (docs/app-config.md) and deploy again, or regenerate the file.");
        }
        String defaultRegion = text(storage, "aws_region", "storage");
        String defaultPhysical = text(storage, "bucket_name", "storage");
        StorageConfig.Builder b = StorageConfig.builder();
        String defaultName = null;
        JsonNode buckets = storage.get("buckets");
        if (buckets != null && buckets.isArray() && !buckets.isEmpty()) {
            for (int i = 0; i < buckets.size(); i++) {
                String where = "storage.buckets[" + i + "]";
                JsonNode bucket = buckets.get(i);
                String name = text(bucket, "name", where);
                String physical = text(bucket, "bucket_name", where);
                String region = bucket.hasNonNull("aws_region") ? text(bucket, "aws_region", where) : defaultRegion;
                b.addBucket(new StorageBucket(name, physical, region, rules(bucket.get("paths"), where)));
                if (physical.equals(defaultPhysical) && defaultName == null) {
                    defaultName = name;
                }
            }
            if (defaultName == null) {
                throw new StorageConfigException("storage.bucket_name '" + defaultPhysical + "' is none of"
                        + " storage.buckets[].bucket_name: regenerate the outputs file.");
            }
            b.defaultBucket(defaultName);
        } else {
            b.addBucket(defaultPhysical, defaultPhysical, defaultRegion);
        }
        groups(root.at("/auth/groups"), b);
        JsonNode endpoint = root.at("/custom/fieldgate/endpoints/" + StorageConfig.S3_ENDPOINT);
        if (endpoint.isTextual()) {
            try {
                b.endpoint(URI.create(endpoint.asText()));
            } catch (IllegalArgumentException e) {
                throw new StorageConfigException(
                        "custom.fieldgate.endpoints.s3 is not a URL: '" + endpoint.asText() + "'.", e);
            }
        }
        return b;
    }

    /** Amplify's {@code auth.groups}: {@code [{"editors": {"precedence": 5}}, …]}; groups without one are left out. */
    private static void groups(JsonNode groups, StorageConfig.Builder b) {
        if (groups.isMissingNode() || groups.isNull()) {
            return;
        }
        if (!groups.isArray()) {
            throw new StorageConfigException(
                    "auth.groups must be a list such as [{\"editors\": {\"precedence\": 1}}]: regenerate the"
                            + " outputs file.");
        }
        for (JsonNode entry : groups) {
            for (Map.Entry<String, JsonNode> group : entry.properties()) {
                JsonNode precedence = group.getValue().get("precedence");
                if (precedence != null && precedence.canConvertToInt()) {
                    b.groupPrecedence(group.getKey(), precedence.asInt());
                }
            }
        }
    }

    private static List<PathRule> rules(JsonNode paths, String where) {
        List<PathRule> rules = new ArrayList<>();
        if (paths == null || paths.isNull()) {
            return rules;
        }
        if (!paths.isObject()) {
            throw new StorageConfigException(where + ".paths must be an object of path patterns.");
        }
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String at = where + ".paths['" + path.getKey() + "']";
            JsonNode access = path.getValue();
            if (!access.isObject()) {
                throw new StorageConfigException(at + " must be an object such as {\"guest\": [\"get\", \"list\"]}.");
            }
            Map<String, Set<StorageAccess>> groups = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> key : access.properties()) {
                String name = key.getKey();
                if (name.startsWith(GROUP_PREFIX) && name.length() > GROUP_PREFIX.length()) {
                    groups.put(name.substring(GROUP_PREFIX.length()), access(key.getValue(), at + "." + name));
                }
            }
            rules.add(new PathRule(
                    path.getKey(),
                    access(access.get("guest"), at + ".guest"),
                    access(access.get("authenticated"), at + ".authenticated"),
                    access(access.get("entityidentity"), at + ".entityidentity"),
                    groups));
        }
        return rules;
    }

    private static Set<StorageAccess> access(JsonNode words, String where) {
        Set<StorageAccess> access = EnumSet.noneOf(StorageAccess.class);
        if (words == null || words.isNull()) {
            return access;
        }
        if (!words.isArray()) {
            throw new StorageConfigException(where + " must be a list such as [\"get\", \"list\"].");
        }
        for (JsonNode word : words) {
            String w = word.asText();
            if ("read".equals(w)) {
                access.add(StorageAccess.GET);
                access.add(StorageAccess.LIST);
                continue;
            }
            access.add(StorageAccess.fromWord(w)
                    .orElseThrow(() -> new StorageConfigException(where + ": '" + w
                            + "' is not a storage access; the outputs file uses get, list, write and delete.")));
        }
        return access;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new StorageConfigException(where + "." + field + " is missing: regenerate the outputs file.");
        }
        return value.asText();
    }
}
