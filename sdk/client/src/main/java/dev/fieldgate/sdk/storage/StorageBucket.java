package dev.fieldgate.sdk.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One bucket of the outputs file's {@code storage.buckets}.
 *
 * @param name       the declared name ({@code files}); the client picks a bucket by it
 * @param bucketName the physical bucket ({@code pins-dev-files-123456789012})
 * @param region     the bucket's region
 * @param paths      the declared paths; empty when the outputs file lists none (nothing is checked client-side)
 */
public record StorageBucket(String name, String bucketName, String region, List<PathRule> paths) {

    public StorageBucket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bucketName, "bucketName");
        Objects.requireNonNull(region, "region");
        paths = List.copyOf(paths);
    }

    /** The declared path holding {@code key}, the longest prefix when several do. */
    public Optional<PathRule> ruleFor(String key) {
        PathRule best = null;
        for (PathRule rule : paths) {
            if (rule.holds(key)
                    && (best == null
                            || rule.prefixPattern().length()
                                    > best.prefixPattern().length())) {
                best = rule;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A declared path by its pattern ({@code {identity}} and {@code {entity_id}} are the same token). */
    public Optional<PathRule> rule(String pattern) {
        String wanted = pattern.replace(PathRule.IDENTITY_TOKEN, PathRule.ENTITY_TOKEN);
        return paths.stream().filter(p -> p.pattern().equals(wanted)).findFirst();
    }

    /** The declared patterns, for messages. */
    public List<String> patterns() {
        return paths.stream().map(PathRule::pattern).toList();
    }
}
