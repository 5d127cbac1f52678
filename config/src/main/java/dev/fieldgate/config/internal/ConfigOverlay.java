package dev.fieldgate.config.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An environment's overlay of {@code fieldgate.json}: {@code fieldgate.<environment>.json} beside it, merged over it
 * by the rules the Terraform app-config module applies too (docs/app-config.md):
 *
 * <ul>
 *   <li>an object in the overlay merges into the object of the same key, key by key, at any depth;
 *   <li>an array, a string, a number or a boolean replaces the base's value (arrays are never merged element by
 *       element);
 *   <li>a key only in the overlay is added, a key only in the base is kept;
 *   <li>{@code null} is refused anywhere in an overlay (leave the key out instead).
 * </ul>
 *
 * <p>Unknown keys are left to the strict reader, which refuses them in the merged document.
 */
public final class ConfigOverlay {

    /** The environment names Terraform accepts: they are part of every physical name. */
    public static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9]{0,11}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigOverlay() {}

    /** Where the overlay of {@code environment} lives: {@code fieldgate.<environment>.json} beside {@code file}. */
    public static Path overlayFile(Path file, String environment) {
        checkEnvironment(environment);
        Path folder = file.toAbsolutePath().getParent();
        return folder.resolve("fieldgate." + environment + ".json");
    }

    /**
     * The JSON text of {@code file} with the environment's overlay merged over it, or the file's text unchanged when
     * the environment has no overlay.
     */
    public static String mergedText(Path file, String environment) {
        Path overlayFile = overlayFile(file, environment);
        String base = Files2.read(
                file,
                "app config",
                "pass the fieldgate.json beside the app's schema.graphql " + "(docs/app-config.md)");
        if (!Files.isRegularFile(overlayFile)) {
            return base;
        }
        String overlay = Files2.read(overlayFile, "app config overlay", "create it or leave --environment out");
        JsonNode merged = merge(parse(base, file.toString()), parse(overlay, overlayFile.toString()), overlayFile);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw new ConfigException("Cannot write the merged app config: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Merges {@code overlay} over {@code base} (neither is changed) and returns the result.
     *
     * @param source names the overlay in messages
     * @throws ConfigException if the overlay is not an object or holds a null
     */
    public static JsonNode merge(JsonNode base, JsonNode overlay, Object source) {
        if (overlay == null || !overlay.isObject()) {
            throw new ConfigException(source + " must be a JSON object ({...}) of the keys to change.");
        }
        refuseNulls(overlay, "", source);
        return mergeNode(base, overlay);
    }

    private static JsonNode mergeNode(JsonNode base, JsonNode overlay) {
        if (base == null || !base.isObject() || !overlay.isObject()) {
            return overlay.deepCopy();
        }
        ObjectNode merged = base.deepCopy();
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            merged.set(field.getKey(), mergeNode(base.get(field.getKey()), field.getValue()));
        }
        return merged;
    }

    private static void refuseNulls(JsonNode node, String path, Object source) {
        if (node.isNull()) {
            throw new ConfigException(source + ": " + path + " is null; an overlay sets keys of fieldgate.json to"
                    + " values: leave the key out to keep fieldgate.json's value (docs/app-config.md).");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                refuseNulls(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), source);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseNulls(node.get(i), path + "[" + i + "]", source);
            }
        }
    }

    private static JsonNode parse(String text, String source) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    source + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(),
                    e);
        }
    }

    private static void checkEnvironment(String environment) {
        if (environment == null || !ENVIRONMENT.matcher(environment).matches()) {
            throw new ConfigException("environment '" + environment + "' must be 1-12 lower-case letters and digits,"
                    + " starting with a letter (such as dev, staging or prod).");
        }
    }
}
