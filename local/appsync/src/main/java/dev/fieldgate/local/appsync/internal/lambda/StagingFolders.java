package dev.fieldgate.local.appsync.internal.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The temporary folders the function's jar copies live in: one per JVM, named after its process id, so that a JVM
 * that starts can remove the folders of stacks that were killed and never ran their exit hooks (a copy of a function
 * jar is tens of megabytes).
 */
final class StagingFolders {

    private static final String PREFIX = "fieldgate-lambda-";

    private StagingFolders() {}

    /** Creates this JVM's folder under {@code root} after removing those of processes that no longer run. */
    static Path create(Path root) throws IOException {
        removeAbandoned(root);
        Path folder =
                Files.createTempDirectory(root, PREFIX + ProcessHandle.current().pid() + "-");
        folder.toFile().deleteOnExit();
        return folder;
    }

    /**
     * Removes the folders under {@code root} whose process has ended. A folder whose process id runs again (a reused
     * id) stays: only a folder that cannot be in use goes. Folders of other users cannot be removed and are skipped.
     */
    static void removeAbandoned(Path root) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path folder : folders) {
                OptionalLong pid = ownerPid(folder.getFileName().toString());
                if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).isEmpty() && Files.isDirectory(folder)) {
                    removeQuietly(folder);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Tidying up is best effort: the stack starts whatever another process left behind.
        }
    }

    /** The process id in a folder's name, {@code fieldgate-lambda-<pid>-<random>}; empty for any other name. */
    static OptionalLong ownerPid(String name) {
        if (!name.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void removeQuietly(Path folder) {
        // The folder holds the jar copies only, no sub-folders.
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException | UncheckedIOException e) {
            // Another user's folder, or one going away meanwhile: the next one is still tried.
        }
    }
}
