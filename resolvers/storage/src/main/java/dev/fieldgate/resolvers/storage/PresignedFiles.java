package dev.fieldgate.resolvers.storage;

import dev.fieldgate.resolvers.CognitoUserPoolIdentity;
import dev.fieldgate.resolvers.ErrorTypes;
import dev.fieldgate.resolvers.IamIdentity;
import dev.fieldgate.resolvers.Identity;
import dev.fieldgate.resolvers.OidcIdentity;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import dev.fieldgate.resolvers.ResolverContext;
import dev.fieldgate.resolvers.ResolverException;
import dev.fieldgate.resolvers.UnauthorizedException;
import dev.fieldgate.resolvers.ValidationException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Presigned S3 URLs handed out by a resolver, for APIs that mediate file transfers (a {@code Mutation.uploadPhoto}
 * that returns where to {@code PUT} the photo, a {@code Photo.url} field that returns where to {@code GET} it). The
 * caller never chooses where its upload lands: the key is the configured prefix with the caller's own id filled in,
 * a random id, and the file's name reduced to safe characters. The content type must be one of those allowed and the
 * size at most the limit; both are signed into the URL, so S3 refuses an upload that differs.
 *
 * <pre>{@code
 * PresignedFiles photos = PresignedFiles.builder()
 *         .presigner(S3Presigner.create())                     // the function's role, the function's region
 *         .bucket(System.getenv("PHOTOS_BUCKET"))
 *         .keyPrefix("photos/{sub}/")                          // {sub}: the user-pool user; {identity}: identity id
 *         .contentTypes("image/jpeg", "image/png")
 *         .maxSize(10 * 1024 * 1024)
 *         .uploadExpiry(Duration.ofMinutes(5))
 *         .build();
 *
 * router.mutation("uploadPhoto", ctx -> {
 *     UploadPhotoInput in = ctx.argument("input", UploadPhotoInput.class);
 *     PresignedUpload upload = photos.upload(ctx, in.fileName(), in.contentType(), in.size());
 *     return Map.of("key", upload.key(), "url", upload.url().toString(), "headers", upload.headers());
 * });
 * }</pre>
 *
 * The function's role needs {@code s3:PutObject} and {@code s3:GetObject} on the prefix: a presigned URL carries the
 * signer's permissions, no more. Immutable and thread-safe.
 */
public final class PresignedFiles implements AutoCloseable {

    /** The prefix token for the caller's user-pool {@code sub}. */
    public static final String SUB_TOKEN = "{sub}";

    /** The prefix token for the caller's identity-pool identity id. */
    public static final String IDENTITY_TOKEN = "{identity}";

    private static final Logger LOG = LoggerFactory.getLogger(PresignedFiles.class);
    private static final Pattern OWNER_ID = Pattern.compile("[A-Za-z0-9:_-]{1,128}");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_NAME = 100;
    private static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private final S3Presigner presigner;
    private final boolean ownsPresigner;
    private final String bucket;
    private final String keyPrefix;
    private final Set<String> contentTypes;
    private final long maxSize;
    private final Duration uploadExpiry;
    private final Duration downloadExpiry;

    private PresignedFiles(Builder b) {
        if (b.bucket == null || b.bucket.isBlank()) {
            throw new ResolverConfigurationException("PresignedFiles needs the physical bucket name (bucket(...)),"
                    + " e.g. from the function's environment.");
        }
        this.bucket = b.bucket;
        this.keyPrefix = prefix(b.keyPrefix);
        if (b.contentTypes.isEmpty()) {
            throw new ResolverConfigurationException(
                    "PresignedFiles needs the content types it accepts (contentTypes(\"image/jpeg\", ...)).");
        }
        this.contentTypes = Collections.unmodifiableSet(new LinkedHashSet<>(b.contentTypes));
        if (b.maxSize < 1 || b.maxSize > 5L * 1024 * 1024 * 1024) {
            throw new ResolverConfigurationException(
                    "maxSize must be 1 byte to 5 GiB (S3's largest single PUT), not " + b.maxSize + ".");
        }
        this.maxSize = b.maxSize;
        this.uploadExpiry = expiry(b.uploadExpiry, "uploadExpiry");
        this.downloadExpiry = expiry(b.downloadExpiry, "downloadExpiry");
        this.ownsPresigner = b.presigner == null;
        this.presigner = b.presigner != null ? b.presigner : S3Presigner.create();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String prefix(String prefix) {
        if (prefix == null) {
            throw new ResolverConfigurationException("PresignedFiles needs a keyPrefix holding the caller's id:"
                    + " \"photos/{sub}/\" or \"uploads/{identity}/\".");
        }
        if (prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new ResolverConfigurationException(
                    "keyPrefix '" + prefix + "' must not start with / and must end with /, e.g. photos/{sub}/.");
        }
        if (!prefix.contains(SUB_TOKEN) && !prefix.contains(IDENTITY_TOKEN)) {
            throw new ResolverConfigurationException("keyPrefix '" + prefix + "' names no caller: put " + SUB_TOKEN
                    + " or " + IDENTITY_TOKEN + " in it, so each caller uploads under their own prefix only.");
        }
        return prefix;
    }

    private static Duration expiry(Duration expiry, String name) {
        Objects.requireNonNull(expiry, name);
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new ResolverConfigurationException(
                    name + " must be more than 0 and at most 7 days (SigV4's limit), not " + expiry + ".");
        }
        return expiry;
    }

    /**
     * The caller's own prefix, {@code photos/<sub>/}: where their uploads go and which downloads are theirs.
     * Empty when the caller has no id of the prefix's kind (a guest, an API-key caller, a user-pool user for an
     * {@code {identity}} prefix).
     */
    public Optional<String> prefixOf(Identity caller) {
        String prefix = keyPrefix;
        if (prefix.contains(SUB_TOKEN)) {
            Optional<String> sub = sub(caller);
            if (sub.isEmpty()) {
                return Optional.empty();
            }
            prefix = prefix.replace(SUB_TOKEN, sub.get());
        }
        if (prefix.contains(IDENTITY_TOKEN)) {
            if (!(caller instanceof IamIdentity iam) || !iam.isIdentityPoolUser() || !safe(iam.cognitoIdentityId())) {
                return Optional.empty();
            }
            prefix = prefix.replace(IDENTITY_TOKEN, iam.cognitoIdentityId());
        }
        return Optional.of(prefix);
    }

    private static Optional<String> sub(Identity caller) {
        String sub = null;
        if (caller instanceof CognitoUserPoolIdentity user) {
            sub = user.sub();
        } else if (caller instanceof OidcIdentity oidc) {
            sub = oidc.sub();
        } else if (caller instanceof IamIdentity iam && iam.isIdentityPoolUser()) {
            sub = iam.userPoolSub().orElse(null);
        }
        return safe(sub) ? Optional.of(sub) : Optional.empty();
    }

    private static boolean safe(String id) {
        return id != null && OWNER_ID.matcher(id).matches();
    }

    /**
     * An upload URL under the caller's own prefix, refused with AppSync's {@code Unauthorized} for a caller without
     * one.
     *
     * @throws ValidationException for a content type not accepted or a size outside 1 byte to the limit
     */
    public PresignedUpload upload(ResolverContext ctx, String fileName, String contentType, long size) {
        Optional<String> prefix = prefixOf(ctx.identity());
        if (prefix.isEmpty()) {
            LOG.info(
                    "{}.{}: refused an upload URL to a caller without an id for {}",
                    ctx.typeName(),
                    ctx.fieldName(),
                    keyPrefix);
            throw new UnauthorizedException(ctx.typeName(), ctx.fieldName());
        }
        return upload(prefix.get(), fileName, contentType, size);
    }

    /**
     * An upload URL under the caller's own prefix.
     *
     * @throws ResolverException {@code Unauthorized} for a caller without an id for the prefix; a
     *                           {@link ValidationException} for a content type or size not accepted
     */
    public PresignedUpload upload(Identity caller, String fileName, String contentType, long size) {
        String prefix = prefixOf(caller)
                .orElseThrow(() ->
                        new ResolverException(ErrorTypes.UNAUTHORIZED, "Not Authorized to upload: sign in first."));
        return upload(prefix, fileName, contentType, size);
    }

    private PresignedUpload upload(String prefix, String fileName, String contentType, long size) {
        String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        if (!contentTypes.contains(type)) {
            throw new ValidationException(
                    "contentType '" + contentType + "' is not accepted; send one of " + contentTypes + ".");
        }
        if (size < 1 || size > maxSize) {
            throw new ValidationException("size must be 1 to " + maxSize + " bytes, not " + size + ".");
        }
        String key = prefix + UUID.randomUUID() + "-" + safeName(fileName);
        PresignedPutObjectRequest presigned = presigner.presignPutObject(r -> r.signatureDuration(uploadExpiry)
                .putObjectRequest(
                        p -> p.bucket(bucket).key(key).contentType(type).contentLength(size)));
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!"host".equals(name)) {
                headers.put(name, String.join(",", values));
            }
        });
        return new PresignedUpload(key, presigned.url(), headers, presigned.expiration());
    }

    /** The file's name reduced to its last segment and safe characters, at most 100 of them. */
    static String safeName(String fileName) {
        String name = fileName == null ? "" : fileName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = UNSAFE.matcher(name.substring(slash + 1)).replaceAll("_");
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.length() > MAX_NAME) {
            name = name.substring(name.length() - MAX_NAME);
        }
        return name.isEmpty() ? "file" : name;
    }

    /**
     * A download URL for one of the caller's own objects (under their prefix), refused with AppSync's
     * {@code Unauthorized} otherwise.
     */
    public PresignedDownload download(ResolverContext ctx, String key) {
        Optional<String> prefix = prefixOf(ctx.identity());
        if (prefix.isEmpty() || !within(key, prefix.get())) {
            LOG.info("{}.{}: refused a download URL outside the caller's prefix", ctx.typeName(), ctx.fieldName());
            throw new UnauthorizedException(ctx.typeName(), ctx.fieldName());
        }
        return download(key);
    }

    /**
     * A download URL for one of the caller's own objects.
     *
     * @throws ResolverException {@code Unauthorized} for a key outside the caller's prefix
     */
    public PresignedDownload download(Identity caller, String key) {
        Optional<String> prefix = prefixOf(caller);
        if (prefix.isEmpty() || !within(key, prefix.get())) {
            throw new ResolverException(ErrorTypes.UNAUTHORIZED, "Not Authorized to read this file.");
        }
        return download(key);
    }

    /**
     * A download URL for any key: use it only for keys the resolver has authorized already, e.g. the key stored on
     * a record the policy let the caller read (a photo everyone signed in may see).
     */
    public PresignedDownload download(String key) {
        if (key == null
                || key.isEmpty()
                || key.startsWith("/")
                || List.of(key.split("/", -1)).contains("..")) {
            throw new ValidationException("'" + key + "' is not an object key.");
        }
        PresignedGetObjectRequest presigned = presigner.presignGetObject(r -> r.signatureDuration(downloadExpiry)
                .getObjectRequest(g -> g.bucket(bucket).key(key)));
        return new PresignedDownload(key, presigned.url(), presigned.expiration());
    }

    private static boolean within(String key, String prefix) {
        return key != null
                && key.startsWith(prefix)
                && key.length() > prefix.length()
                && !List.of(key.split("/", -1)).contains("..");
    }

    /** The configured prefix, with its tokens. */
    public String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public void close() {
        if (ownsPresigner) {
            presigner.close();
        }
    }

    @Override
    public String toString() {
        return "PresignedFiles[bucket=" + bucket + ", keyPrefix=" + keyPrefix + ", contentTypes=" + contentTypes
                + ", maxSize=" + maxSize + "]";
    }

    /** Builds {@link PresignedFiles}: the bucket, a key prefix naming the caller, and the content types. */
    public static final class Builder {
        private S3Presigner presigner;
        private String bucket;
        private String keyPrefix;
        private final Set<String> contentTypes = new LinkedHashSet<>();
        private long maxSize = 10L * 1024 * 1024;
        private Duration uploadExpiry = Duration.ofMinutes(5);
        private Duration downloadExpiry = Duration.ofMinutes(15);

        private Builder() {}

        /** The presigner (its credentials are the function's role); by default {@code S3Presigner.create()}. */
        public Builder presigner(S3Presigner presigner) {
            this.presigner = presigner;
            return this;
        }

        /** The physical bucket name. */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** Where each caller's uploads go: {@code photos/{sub}/} or {@code uploads/{identity}/}, ending in /. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /** The content types accepted, e.g. {@code image/jpeg}. */
        public Builder contentTypes(String... types) {
            for (String type : types) {
                contentTypes.add(type.trim().toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** The largest upload in bytes; 10 MiB by default. */
        public Builder maxSize(long bytes) {
            this.maxSize = bytes;
            return this;
        }

        /** How long an upload URL is valid; 5 minutes by default. */
        public Builder uploadExpiry(Duration expiry) {
            this.uploadExpiry = expiry;
            return this;
        }

        /** How long a download URL is valid; 15 minutes by default. */
        public Builder downloadExpiry(Duration expiry) {
            this.downloadExpiry = expiry;
            return this;
        }

        public PresignedFiles build() {
            return new PresignedFiles(this);
        }
    }
}
