package dev.fieldgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@value #FILE}: what Terraform's storage module deploys from {@code fieldgate.json}'s storage section, written next
 * to the manifest by {@code fieldgate policy generate --config} and the Maven plugin's {@code appConfig}. It is
 * {@link StoragePolicy#grantsJson()} plus {@code declared}, the declaration's buckets exactly as {@code fieldgate.json}
 * has them, so Terraform can refuse a file generated from another declaration. Without a storage section the file
 * lists no buckets and no statements, and Terraform creates nothing.
 */
public final class StorageGrantsFile {

    /** The file's name. */
    public static final String FILE = "storage.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StorageGrantsFile() {}

    /**
     * Reads the storage section of {@code fieldgateJson}, writes {@value #FILE} into {@code directory} (atomically),
     * and when there is storage, rewrites the access matrix there with its storage section appended.
     *
     * @return the storage policy that was written
     * @throws PolicyException if the storage section is not valid (nothing is written then)
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static StoragePolicy write(Path fieldgateJson, Path directory, CompiledSchema compiled) {
        StoragePolicy storage = StoragePolicy.fromAppConfig(fieldgateJson);
        try {
            ObjectNode grants = (ObjectNode) JSON.readTree(storage.grantsJson());
            JsonNode root = JSON.readTree(Files.readString(fieldgateJson, StandardCharsets.UTF_8));
            JsonNode declared = root.path("storage").path("buckets");
            grants.set("declared", declared.isArray() ? declared : JSON.createArrayNode());
            Files.createDirectories(directory);
            write(directory.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(grants) + "\n");
            if (!storage.isEmpty()) {
                write(
                        directory.resolve(CompiledSchema.MATRIX_FILE),
                        compiled.accessMatrix().toMarkdown() + "\n" + storage.matrixMarkdown());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + directory.resolve(FILE), e);
        }
        return storage;
    }

    private static void write(Path file, String content) throws IOException {
        Path temporary =
                Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
