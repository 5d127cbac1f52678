package dev.fieldgate.local.core.internal.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fieldgate.local.core.LocalStateException;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads and writes state documents: plain JSON from the fields of small internal classes (times as epoch
 * milliseconds), so a developer can look inside the state directory and a future version can still read it.
 */
public final class StateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
            .setDefaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private StateJson() {}

    public static <T> Optional<T> read(StateStore store, String name, Class<T> type) {
        Optional<byte[]> bytes = store.read(name);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(bytes.get(), type));
        } catch (IOException e) {
            throw new LocalStateException(
                    "The state document " + name + " is not readable (" + e.getMessage()
                            + "); restore it from a backup or delete the state directory to start afresh.",
                    e);
        }
    }

    public static void write(StateStore store, String name, Object document) {
        if (!store.isPersistent() && !name.startsWith("outbox/")) {
            // Nothing reads it back from memory except the outbox, so skip the serialization cost.
            return;
        }
        try {
            store.write(name, MAPPER.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new LocalStateException("Cannot serialize the state document " + name + ": " + e.getMessage(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
