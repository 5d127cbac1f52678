package dev.fieldgate.sdk.storage;

import dev.fieldgate.sdk.internal.StorageOutputsReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Where an app's files are: the buckets of the outputs file's {@code storage} section (Amplify's format: the
 * default bucket in {@code bucket_name} and {@code aws_region}, every bucket with its declared paths in
 * {@code buckets}), and the S3 endpoint when it is not AWS's ({@code custom.fieldgate.endpoints.s3}; the local
 * stack serves S3 on its own port, path-style). Immutable; {@link #copy(Consumer)} makes changed copies.
 *
 * <pre>{@code
 * StorageConfig storage = StorageConfig.fromOutputsFile(Path.of("amplify_outputs.json"));
 * }</pre>
 */
public final class StorageConfig {

    /** The endpoint override name of S3 in {@code custom.fieldgate.endpoints}. */
    public static final String S3_ENDPOINT = "s3";

    private final String defaultBucket;
    private final Map<String, StorageBucket> buckets;
    private final URI endpoint;
    private final boolean pathStyle;
    private final Map<String, Integer> groupPrecedence;

    private StorageConfig(Builder b) {
        if (b.buckets.isEmpty()) {
            throw new StorageConfigException("No bucket is configured: the outputs file needs a storage section"
                    + " (declare storage in fieldgate.json and deploy, or run the local stack), or add one with"
                    + " StorageConfig.Builder.addBucket(...).");
        }
        this.buckets = Collections.unmodifiableMap(new LinkedHashMap<>(b.buckets));
        this.defaultBucket = b.defaultBucket != null
                ? b.defaultBucket
                : buckets.keySet().iterator().next();
        if (!buckets.containsKey(defaultBucket)) {
            throw new StorageConfigException("The default bucket '" + defaultBucket + "' is not one of the"
                    + " configured buckets " + buckets.keySet() + ".");
        }
        this.endpoint = b.endpoint;
        this.pathStyle = b.pathStyle != null ? b.pathStyle : endpoint != null;
        this.groupPrecedence = Collections.unmodifiableMap(new LinkedHashMap<>(b.groupPrecedence));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code storage} section (and the S3 endpoint override) of an outputs file.
     *
     * @throws StorageConfigException if the file cannot be read or has no storage section
     */
    public static StorageConfig fromOutputsFile(Path file) {
        return StorageOutputsReader.read(Objects.requireNonNull(file, "file")).build();
    }

    /** Reads the outputs file's JSON text. */
    public static StorageConfig fromOutputsJson(String json) {
        return StorageOutputsReader.parse(Objects.requireNonNull(json, "json")).build();
    }

    /** The bucket a client uses unless told otherwise ({@code storage.bucket_name}'s bucket). */
    public StorageBucket defaultBucket() {
        return buckets.get(defaultBucket);
    }

    /** Every bucket by its declared name. */
    public Map<String, StorageBucket> buckets() {
        return buckets;
    }

    /**
     * One bucket by its declared name.
     *
     * @throws StorageConfigException naming the known buckets when there is no such bucket
     */
    public StorageBucket bucket(String name) {
        StorageBucket bucket = buckets.get(name);
        if (bucket == null) {
            throw new StorageConfigException("No bucket named '" + name + "' is configured; the outputs file"
                    + " declares " + buckets.keySet() + ".");
        }
        return bucket;
    }

    /** The S3 endpoint: empty on AWS (its regional endpoints); the local stack's port locally. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Whether requests address buckets in the path ({@code /bucket/key}) rather than the host name. */
    public boolean pathStyle() {
        return pathStyle;
    }

    /**
     * The user pool's groups with their precedence ({@code auth.groups}; lower wins), for the groups that have one.
     * A signed-in user's credentials carry the role of their lowest-precedence group that has a role, that is, a
     * group some bucket path grants access to ({@code groups<name>}); {@link StorageClient} checks paths with that
     * group's access.
     */
    public Map<String, Integer> groupPrecedence() {
        return groupPrecedence;
    }

    /**
     * The group whose role a member of {@code memberOf} gets from the identity pool: of those groups, the ones
     * some path of some bucket grants access to, the one with the lowest precedence (then the first by name); empty
     * when none is.
     */
    Optional<String> roleGroup(Collection<String> memberOf) {
        String best = null;
        int bestPrecedence = Integer.MAX_VALUE;
        for (String group : new TreeSet<>(memberOf)) {
            boolean hasRole = buckets.values().stream()
                    .flatMap(bucket -> bucket.paths().stream())
                    .anyMatch(rule -> rule.groups().containsKey(group));
            int precedence = groupPrecedence.getOrDefault(group, Integer.MAX_VALUE);
            if (hasRole && (best == null || precedence < bestPrecedence)) {
                best = group;
                bestPrecedence = precedence;
            }
        }
        return Optional.ofNullable(best);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public StorageConfig copy(Consumer<Builder> changes) {
        Builder b = toBuilder();
        changes.accept(b);
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageConfig other
                && defaultBucket.equals(other.defaultBucket)
                && buckets.equals(other.buckets)
                && Objects.equals(endpoint, other.endpoint)
                && pathStyle == other.pathStyle
                && groupPrecedence.equals(other.groupPrecedence);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaultBucket, buckets, endpoint, pathStyle, groupPrecedence);
    }

    @Override
    public String toString() {
        return "StorageConfig[defaultBucket=" + defaultBucket + ", buckets=" + buckets.keySet() + ", endpoint="
                + endpoint + ", pathStyle=" + pathStyle + "]";
    }

    /** Builds a {@link StorageConfig}; at least one bucket is required. */
    public static final class Builder {
        private String defaultBucket;
        private final Map<String, StorageBucket> buckets = new LinkedHashMap<>();
        private URI endpoint;
        private Boolean pathStyle;
        private final Map<String, Integer> groupPrecedence = new LinkedHashMap<>();

        private Builder() {}

        private Builder(StorageConfig c) {
            defaultBucket = c.defaultBucket;
            buckets.putAll(c.buckets);
            endpoint = c.endpoint;
            pathStyle = c.pathStyle;
            groupPrecedence.putAll(c.groupPrecedence);
        }

        /** Adds (or replaces) a bucket; the first one added is the default unless {@link #defaultBucket} says. */
        public Builder addBucket(StorageBucket bucket) {
            buckets.put(bucket.name(), bucket);
            return this;
        }

        /** A bucket without declared paths (nothing is checked client-side; S3 still decides). */
        public Builder addBucket(String name, String bucketName, String region) {
            return addBucket(new StorageBucket(name, bucketName, region, List.of()));
        }

        /** The declared name of the bucket clients use by default. */
        public Builder defaultBucket(String name) {
            this.defaultBucket = name;
            return this;
        }

        /** The S3 endpoint, e.g. the local stack's {@code http://127.0.0.1:<port>}; null: AWS's. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Path-style addressing; by default on when an endpoint is set, off on AWS. */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /** A user-pool group's precedence ({@code auth.groups}; lower wins). */
        public Builder groupPrecedence(String group, int precedence) {
            groupPrecedence.put(Objects.requireNonNull(group, "group"), precedence);
            return this;
        }

        public StorageConfig build() {
            return new StorageConfig(this);
        }
    }
}
