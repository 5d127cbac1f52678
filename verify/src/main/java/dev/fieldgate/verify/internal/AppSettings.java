package dev.fieldgate.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.verify.VerifyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The API settings of {@code fieldgate.json} ({@code docs/app-config.md}) that the deployed API should have, and
 * where the app's schema is. Every value is optional: without the file they are reported, not compared.
 */
public record AppSettings(Optional<Path> schema, Optional<Integer> queryDepthLimit, Optional<Boolean> introspection,
                          Optional<String> fieldLogLevel, Optional<Boolean> xrayEnabled) {

    public static AppSettings none() {
        return new AppSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public static AppSettings read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new VerifyException("cannot read the app config " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new VerifyException(file + " is not a JSON object; see docs/app-config.md");
        }
        JsonNode api = root.path("api");
        Path dir = file.toAbsolutePath().getParent();
        Optional<Path> schema = root.path("schema").isTextual()
                ? Optional.of(dir.resolve(root.path("schema").asText()).normalize()) : Optional.empty();
        return new AppSettings(schema,
                api.path("queryDepthLimit").isInt() ? Optional.of(api.path("queryDepthLimit").asInt())
                        : Optional.empty(),
                api.path("introspection").isBoolean() ? Optional.of(api.path("introspection").asBoolean())
                        : Optional.empty(),
                api.path("fieldLogLevel").isTextual() ? Optional.of(api.path("fieldLogLevel").asText())
                        : Optional.empty(),
                api.path("xrayEnabled").isBoolean() ? Optional.of(api.path("xrayEnabled").asBoolean())
                        : Optional.empty());
    }
}
