package dev.fieldgate.policy;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a caller may do under a storage path, in Amplify Storage's words. {@code read} in {@code fieldgate.json} is
 * {@link #GET} and {@link #LIST} together.
 */
public enum StoragePermission {
    /** Download an object ({@code s3:GetObject}). */
    GET,
    /** List the objects under the path ({@code s3:ListBucket} with an {@code s3:prefix} condition). */
    LIST,
    /** Upload an object, multipart included ({@code s3:PutObject}; aborting an own upload too). */
    WRITE,
    /** Delete an object ({@code s3:DeleteObject}). */
    DELETE;

    /** The IAM actions this permission grants. */
    public List<String> actions() {
        return switch (this) {
            case GET -> List.of("s3:GetObject");
            case LIST -> List.of("s3:ListBucket");
            case WRITE -> List.of("s3:PutObject", "s3:AbortMultipartUpload");
            case DELETE -> List.of("s3:DeleteObject");
        };
    }

    /** The word Amplify's outputs file uses ({@code get}, {@code list}, {@code write}, {@code delete}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads one word of a path's access list: {@code read}, {@code get}, {@code list}, {@code write} or
     * {@code delete}.
     *
     * @throws PolicyException for any other word
     */
    public static Set<StoragePermission> parse(String word) {
        return switch (word) {
            case "read" -> EnumSet.of(GET, LIST);
            case "get" -> EnumSet.of(GET);
            case "list" -> EnumSet.of(LIST);
            case "write" -> EnumSet.of(WRITE);
            case "delete" -> EnumSet.of(DELETE);
            default ->
                throw new PolicyException(
                        "'" + word + "' is not a storage permission: write read, get, list," + " write or delete.");
        };
    }
}
