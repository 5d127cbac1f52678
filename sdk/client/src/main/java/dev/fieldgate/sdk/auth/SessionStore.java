package dev.fieldgate.sdk.auth;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where sessions (and identity ids) are kept between calls and, for a file store, between runs. Values are
 * opaque strings that hold tokens: implementations must keep them from other users. Implementations must be
 * thread-safe.
 *
 * <ul>
 *   <li>{@link #inMemory()} — the default; nothing outlives the process.</li>
 *   <li>{@link FileSessionStore} — for command-line tools: one owner-only file, optionally encrypted.</li>
 *   <li>your own — a database row, an OS keychain, a Spring session.</li>
 * </ul>
 */
public interface SessionStore {

    Optional<String> read(String key);

    void write(String key, String value);

    void delete(String key);

    /** A store in this process's memory. */
    static SessionStore inMemory() {
        Map<String, String> values = new ConcurrentHashMap<>();
        return new SessionStore() {
            @Override
            public Optional<String> read(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public void write(String key, String value) {
                values.put(key, value);
            }

            @Override
            public void delete(String key) {
                values.remove(key);
            }

            @Override
            public String toString() {
                return "SessionStore[in memory, " + values.size() + " entries]";
            }
        };
    }

    /** A file store at {@code file} with owner-only permissions and no encryption. */
    static FileSessionStore file(Path file) {
        return FileSessionStore.builder().file(file).build();
    }
}
