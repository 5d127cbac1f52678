package dev.fieldgate.policy;

import java.util.List;
import java.util.Objects;

/**
 * One IAM statement a storage declaration grants a role, before the bucket's physical ARN is known.
 *
 * <ul>
 *   <li>Object actions ({@code s3:GetObject}, {@code s3:PutObject}, …): {@link #objects()} are object key patterns in
 *       {@link #bucket()}, each one resource {@code arn:aws:s3:::<bucket>/<pattern>}; {@link #listPrefixes()} is
 *       empty.</li>
 *   <li>Listing ({@code s3:ListBucket}): the resource is the bucket itself and {@link #listPrefixes()} are the
 *       {@code s3:prefix} values a {@code StringLike} condition allows; {@link #objects()} is empty.</li>
 * </ul>
 * Patterns may hold the {@code ${cognito-identity.amazonaws.com:sub}} policy variable.
 */
public record StorageStatement(
        String sid, String bucket, List<String> actions, List<String> objects, List<String> listPrefixes) {

    public StorageStatement {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(bucket, "bucket");
        actions = List.copyOf(actions);
        objects = List.copyOf(objects);
        listPrefixes = List.copyOf(listPrefixes);
    }

    /** Whether this is the listing statement (resource: the bucket, with an {@code s3:prefix} condition). */
    public boolean isListing() {
        return !listPrefixes.isEmpty();
    }
}
