package dev.fieldgate.local.internal.dynamodb;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Owner-only permissions for DynamoDB Local's part of the state directory, as the state store keeps its own:
 * directories {@code rwx------}, files {@code rw-------}. Skipped on file systems without POSIX permissions.
 */
final class OwnerOnly {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {}

    /** Creates the directory (and missing parents) owner-only, or makes an existing one owner-only. */
    static void directory(Path directory) throws IOException {
        if (!POSIX) {
            Files.createDirectories(directory);
            return;
        }
        if (Files.isDirectory(directory)) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** Creates the file empty and owner-only, or makes an existing one owner-only. */
    static void file(Path file) throws IOException {
        if (!POSIX) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Makes every regular file directly in the directory owner-only. */
    static void everyFileIn(Path directory) throws IOException {
        if (!POSIX) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(file)) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    }
                } catch (NoSuchFileException e) {
                    // A journal SQLite removed meanwhile.
                }
            }
        }
    }
}
