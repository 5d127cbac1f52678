package dev.fieldgate.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code storage} of the outputs file, as Amplify Gen 2 writes it: the default bucket ({@code bucket_name},
 * {@code aws_region}) and every bucket with its short name and its paths. A path's access is keyed by
 * {@code guest}, {@code authenticated}, {@code entityidentity} (the caller's own {@code {entity_id}}) or
 * {@code groups<name>} (the members of a user-pool group, e.g. {@code groupseditors}) and lists Amplify's words
 * {@code get}, {@code list}, {@code write} and {@code delete}.
 *
 * @param awsRegion  the default bucket's region
 * @param bucketName the default bucket's physical name (the first bucket declared)
 * @param buckets    every bucket, the default first
 */
public record StorageOutputs(String awsRegion, String bucketName, List<Bucket> buckets) {

    public StorageOutputs {
        Objects.requireNonNull(awsRegion, "awsRegion");
        Objects.requireNonNull(bucketName, "bucketName");
        buckets = List.copyOf(buckets);
    }

    /**
     * One bucket of {@code storage.buckets}.
     *
     * @param name       the short name the app declares it with ({@code files})
     * @param bucketName the physical bucket of this environment ({@code pins-local-files})
     * @param awsRegion  its region
     * @param paths      pattern ({@code private/{entity_id}/*}) → who ({@code entityidentity}) → Amplify's words
     */
    public record Bucket(
            String name, String bucketName, String awsRegion, Map<String, Map<String, List<String>>> paths) {

        public Bucket {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bucketName, "bucketName");
            Objects.requireNonNull(awsRegion, "awsRegion");
            Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
            paths.forEach((pattern, access) -> {
                Map<String, List<String>> who = new LinkedHashMap<>();
                access.forEach((caller, words) -> who.put(caller, List.copyOf(words)));
                copy.put(pattern, java.util.Collections.unmodifiableMap(who));
            });
            paths = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** The bucket the app declares as {@code name}. */
    public Optional<Bucket> bucket(String name) {
        return buckets.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
