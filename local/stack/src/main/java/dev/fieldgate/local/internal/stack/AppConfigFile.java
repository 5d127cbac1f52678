package dev.fieldgate.local.internal.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.core.LocalConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of {@code fieldgate.json} (docs/app-config.md) the local AppSync and the resolver function need: the
 * schema path, the {@code api} settings and the {@code function}. Paths are resolved against the file's folder.
 * Inside {@code api} and {@code function} an unknown key is an error, so a typo never silently differs from what
 * Terraform deploys. (The Cognito sections are read by the Cognito config reader.)
 */
public record AppConfigFile(Path file, String app, String region, Path schema, Api api, Function function) {

    /** The {@code api} section. */
    public record Api(String name, boolean apiKey, int queryDepthLimit, boolean introspection) {
    }

    /** The {@code function} section. */
    public record Function(Path artifact, String handler, String runtime, int memoryMb, int timeoutSeconds,
            Map<String, String> environment) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> API_KEYS = Set.of("name", "apiKey", "queryDepthLimit", "introspection",
            "xrayEnabled", "fieldLogLevel");
    private static final Set<String> FUNCTION_KEYS = Set.of("artifact", "handler", "runtime", "memoryMb",
            "timeoutSeconds", "environment");

    public static AppConfigFile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new LocalConfigException("The app config " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new LocalConfigException("The app config " + file + " is not readable JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new LocalConfigException("The app config " + file + " must be a JSON object.");
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            String schema = text(root, "schema", false);
            JsonNode apiNode = object(root, "api");
            Api api = new Api(
                    apiNode == null ? null : text(apiNode, "name", false),
                    apiNode != null && bool(apiNode, "apiKey", false),
                    apiNode == null ? 0 : integer(apiNode, "queryDepthLimit", 0, 0, 75),
                    apiNode == null || bool(apiNode, "introspection", true));
            if (apiNode != null) {
                checkKeys(apiNode, API_KEYS, "api");
            }
            JsonNode functionNode = object(root, "function");
            Function function = null;
            if (functionNode != null) {
                checkKeys(functionNode, FUNCTION_KEYS, "function");
                Map<String, String> environment = new LinkedHashMap<>();
                JsonNode env = object(functionNode, "environment");
                if (env != null) {
                    Iterator<Map.Entry<String, JsonNode>> fields = env.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> entry = fields.next();
                        if (!entry.getValue().isTextual()) {
                            throw new LocalConfigException("function.environment." + entry.getKey()
                                    + " must be a string.");
                        }
                        environment.put(entry.getKey(), entry.getValue().asText());
                    }
                }
                String artifact = text(functionNode, "artifact", true);
                function = new Function(folder.resolve(artifact).normalize(), text(functionNode, "handler", true),
                        text(functionNode, "runtime", false), integer(functionNode, "memoryMb", 512, 128, 10240),
                        integer(functionNode, "timeoutSeconds", 3, 1, 900), Map.copyOf(environment));
            }
            return new AppConfigFile(file, text(root, "app", true), text(root, "region", true),
                    schema == null ? null : folder.resolve(schema).normalize(), api, function);
        } catch (LocalConfigException e) {
            throw new LocalConfigException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode object(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new LocalConfigException(key + " must be an object.");
        }
        return value;
    }

    private static String text(JsonNode node, String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new LocalConfigException(key + " is required.");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new LocalConfigException(key + " must be a string.");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String key, boolean dflt) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.isBoolean()) {
            throw new LocalConfigException(key + " must be true or false.");
        }
        return value.asBoolean();
    }

    private static int integer(JsonNode node, String key, int dflt, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new LocalConfigException(key + " must be a whole number from " + min + " to " + max + ".");
        }
        return value.asInt();
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new LocalConfigException(where + " has an unknown key '" + name + "'; known keys: "
                        + new TreeSet<>(allowed) + ".");
            }
        }
    }
}
