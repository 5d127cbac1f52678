package dev.fieldgate.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A compiled schema: its access policy, the manifest, the schema to deploy to AppSync, and what the compiler had
 * to say (warnings, and the AppSync directives it added).
 */
public final class CompiledSchema {

    /** The deployable schema's file name. */
    public static final String APPSYNC_SCHEMA_FILE = "appsync.graphql";

    public static final String MANIFEST_FILE = "manifest.json";
    public static final String MATRIX_FILE = "access-matrix.md";

    private final AccessPolicy policy;
    private final Manifest manifest;
    private final String appSyncSchema;
    private final List<Notice> notices;

    CompiledSchema(AccessPolicy policy, Manifest manifest, String appSyncSchema, List<Notice> notices) {
        this.policy = policy;
        this.manifest = manifest;
        this.appSyncSchema = appSyncSchema;
        this.notices = List.copyOf(notices);
    }

    public AccessPolicy policy() {
        return policy;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The schema to deploy: kit directives removed, AppSync's auth directives completed. */
    public String appSyncSchema() {
        return appSyncSchema;
    }

    /** Warnings and notes, in schema order. */
    public List<Notice> notices() {
        return notices;
    }

    public AccessMatrix accessMatrix() {
        return AccessMatrix.of(policy, manifest.subscriptions());
    }

    /**
     * Writes {@value #APPSYNC_SCHEMA_FILE}, {@value #MANIFEST_FILE} and {@value #MATRIX_FILE} into a directory,
     * each atomically, so a reader never sees half a file.
     */
    public void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            write(directory.resolve(APPSYNC_SCHEMA_FILE), appSyncSchema);
            write(directory.resolve(MANIFEST_FILE), manifest.toJson());
            write(directory.resolve(MATRIX_FILE), accessMatrix().toMarkdown());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the generated files to " + directory, e);
        }
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
