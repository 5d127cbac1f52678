package dev.fieldgate.local.core.internal.state;

import dev.fieldgate.local.core.LocalStateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * State kept in a directory. Every write goes to a temporary file in the same directory, is forced to disk, and
 * then atomically renamed over the old document; the directory itself is then forced so the rename survives a power
 * loss. A lock file keeps a second process from using the same directory at the same time. Files are readable by
 * their owner only, since they hold signing keys and credentials.
 */
public final class DirectoryStateStore implements StateStore {

    private static final String TEMP_PREFIX = ".tmp-";
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    public DirectoryStateStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            createDirectories(this.root);
            this.lockChannel = openLockFile(this.root.resolve(".lock"));
            FileLock acquired;
            try {
                acquired = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                lockChannel.close();
                throw new LocalStateException("The state directory " + this.root
                        + " is in use by another local stack; stop it or choose another directory.");
            }
            this.lock = acquired;
            removeLeftoverTempFiles(this.root);
        } catch (IOException e) {
            throw new LocalStateException("The state directory " + this.root + " cannot be used: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<byte[]> read(String name) {
        StateStore.checkName(name);
        try {
            return Optional.of(Files.readAllBytes(root.resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LocalStateException("Cannot read " + root.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String name, byte[] content) {
        StateStore.checkName(name);
        Path target = root.resolve(name);
        Path dir = target.getParent();
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            createDirectories(dir);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                restrict(temp);
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new LocalStateException(
                        "The file system of " + root + " cannot rename atomically; keep the"
                                + " state directory on a local disk.",
                        e);
            }
            forceDirectory(dir);
        } catch (IOException e) {
            throw new LocalStateException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: a leftover temp file is removed on the next start
            }
        }
    }

    @Override
    public void delete(String name) {
        StateStore.checkName(name);
        try {
            Files.deleteIfExists(root.resolve(name));
            forceDirectory(root.resolve(name).getParent());
        } catch (IOException e) {
            throw new LocalStateException("Cannot delete " + root.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String folder) {
        StateStore.checkName(folder);
        Path dir = root.resolve(folder);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(entry)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new LocalStateException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new LocalStateException("Cannot release the lock on " + root + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** The lock file, owner-only like every other file here (it holds nothing, but the rule has no exceptions). */
    private static FileChannel openLockFile(Path file) throws IOException {
        if (!POSIX) {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        FileChannel channel = FileChannel.open(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            restrict(file); // one created before lock files were made owner-only
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void forceDirectory(Path dir) {
        // Linux lets a directory be opened and forced; elsewhere this is not possible and renames are durable anyway.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on this platform
        }
    }

    private static void removeLeftoverTempFiles(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
