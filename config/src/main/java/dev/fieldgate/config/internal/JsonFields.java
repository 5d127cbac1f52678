package dev.fieldgate.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.config.ConfigException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One JSON object of a contract file, read key by key: each getter checks the value's type and names the key's full
 * path (such as {@code userPool.clients[web].callbackUrls}) in its message.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The root object; {@code what} names the file in messages. */
    public static JsonFields root(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(what + " must be a JSON object ({...}).");
        }
        return new JsonFields(node, "");
    }

    public String path() {
        return path;
    }

    private String key(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Refuses any key not in {@code known}, naming the keys that are. */
    public JsonFields only(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ConfigException(key(name) + " is not a known key" + (path.isEmpty() ? "" : " of " + path)
                        + "; known keys: " + new TreeSet<>(known) + " (see docs/app-config.md).");
            }
        }
        return this;
    }

    /** The object's keys, in the file's order. */
    public java.util.List<String> keys() {
        java.util.List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public JsonFields object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new ConfigException(key(field) + " must be an object ({...}).");
        }
        return new JsonFields(value, key(field));
    }

    public JsonFields requiredObject(String field) {
        JsonFields value = object(field);
        if (value == null) {
            throw new ConfigException(key(field) + " is required.");
        }
        return value;
    }

    /** The array's objects; {@code label} names each element in messages (its "name" when it has one). */
    public List<JsonFields> objects(String field) {
        List<JsonFields> items = new ArrayList<>();
        int index = 0;
        for (JsonNode item : array(field)) {
            String label = item.path("name").isTextual() ? item.path("name").asText() : Integer.toString(index);
            if (!item.isObject()) {
                throw new ConfigException(key(field) + "[" + label + "] must be an object ({...}).");
            }
            items.add(new JsonFields(item, key(field) + "[" + label + "]"));
            index++;
        }
        return items;
    }

    private List<JsonNode> array(String field) {
        JsonNode value = node.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (!value.isArray()) {
            throw new ConfigException(key(field) + " must be an array ([...]).");
        }
        value.forEach(items::add);
        return items;
    }

    public String string(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw new ConfigException(key(field) + " is required.");
        }
        return value;
    }

    public String optionalString(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ConfigException(key(field) + " must be a string (\"...\").");
        }
        return value.asText();
    }

    /** The array's strings, or null when the key is absent. */
    public List<String> optionalStrings(String field) {
        return has(field) ? strings(field) : null;
    }

    public List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(field)) {
            if (!item.isTextual()) {
                throw new ConfigException(key(field) + " must be an array of strings ([\"...\"]).");
            }
            values.add(item.asText());
        }
        return values;
    }

    /** A JSON object of strings, in the file's order. */
    public Map<String, String> stringMap(String field) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonFields object = object(field);
        if (object == null) {
            return values;
        }
        object.node.properties().forEach(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new ConfigException(object.key(entry.getKey()) + " must be a string (\"...\").");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        });
        return values;
    }

    public boolean bool(String field, boolean absent) {
        Boolean value = optionalBool(field);
        return value == null ? absent : value;
    }

    public Boolean optionalBool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new ConfigException(key(field) + " must be true or false.");
        }
        return value.asBoolean();
    }

    public int integer(String field, int absent) {
        Integer value = optionalInteger(field);
        return value == null ? absent : value;
    }

    public Integer optionalInteger(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ConfigException(key(field) + " must be a whole number.");
        }
        return value.asInt();
    }
}
