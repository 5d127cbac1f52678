package dev.fieldgate.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared bucket: its short name (the physical bucket is named per environment by whoever deploys it) and its
 * paths.
 */
public record StorageBucket(String name, List<StoragePath> paths) {

    public StorageBucket {
        Objects.requireNonNull(name, "name");
        paths = List.copyOf(paths);
    }

    /** The declared path whose prefix holds {@code key}, the longest when several do. */
    public Optional<StoragePath> pathOf(String key) {
        StoragePath best = null;
        for (StoragePath path : paths) {
            String prefix = path.prefix();
            int token = prefix.indexOf(StoragePath.IDENTITY_TOKEN);
            boolean matches;
            if (token < 0) {
                matches = key.startsWith(prefix);
            } else {
                String before = prefix.substring(0, token);
                String after = prefix.substring(token + StoragePath.IDENTITY_TOKEN.length());
                int end = key.indexOf(after, before.length());
                matches = key.startsWith(before) && end > before.length();
            }
            if (matches
                    && (best == null || path.prefix().length() > best.prefix().length())) {
                best = path;
            }
        }
        return Optional.ofNullable(best);
    }
}
