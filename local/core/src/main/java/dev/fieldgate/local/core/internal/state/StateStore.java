package dev.fieldgate.local.core.internal.state;

import java.util.List;
import java.util.Optional;

/**
 * Named documents (e.g. {@code cognito/user-pool.json}) that survive a restart when the store is a directory.
 * A write replaces a document atomically: after a crash a reader finds either the old or the new content, never
 * a mix or an empty file.
 */
public interface StateStore extends AutoCloseable {

    Optional<byte[]> read(String name);

    void write(String name, byte[] content);

    void delete(String name);

    /** Names of the documents directly inside {@code folder} (e.g. {@code outbox}), sorted. */
    List<String> list(String folder);

    /** False for the in-memory store: callers may skip serializing what nobody will read back. */
    boolean isPersistent();

    @Override
    void close();

    static void checkName(String name) {
        if (name == null
                || name.isEmpty()
                || name.startsWith("/")
                || name.contains("..")
                || name.contains("\\")
                || name.contains("//")) {
            throw new IllegalArgumentException("invalid state document name: " + name);
        }
    }
}
