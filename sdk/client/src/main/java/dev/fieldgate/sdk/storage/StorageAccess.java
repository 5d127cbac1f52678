package dev.fieldgate.sdk.storage;

import java.util.Locale;
import java.util.Optional;

/** What a caller may do under a declared storage path, in the outputs file's words. */
public enum StorageAccess {
    /** Download an object. */
    GET,
    /** List the objects under the path. */
    LIST,
    /** Upload an object (multipart included). */
    WRITE,
    /** Delete an object. */
    DELETE;

    /** The word the outputs file uses: {@code get}, {@code list}, {@code write} or {@code delete}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The access for one word of the outputs file; {@code read} is not one (it is written as get and list). */
    public static Optional<StorageAccess> fromWord(String word) {
        for (StorageAccess access : values()) {
            if (access.word().equals(word)) {
                return Optional.of(access);
            }
        }
        return Optional.empty();
    }
}
