package dev.fieldgate.sdk.storage;

import dev.fieldgate.sdk.FieldgateException;
import dev.fieldgate.sdk.NotAuthorizedException;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.sdk.internal.LimitedInputStream;
import dev.fieldgate.sdk.internal.MultipartPlan;
import dev.fieldgate.sdk.internal.Progress;
import dev.fieldgate.sdk.internal.StorageErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Files in the app's S3 bucket with the identity pool's credentials: a guest's (the pool's unauthenticated role) or
 * a signed-in user's (the authenticated role, whose own {@code {entity_id}} paths are theirs). What each may do is
 * the bucket's declaration (the {@code storage} section of {@code fieldgate.json}); S3 enforces it through the roles'
 * statements, and a refusal names the path rule that refused.
 *
 * <pre>{@code
 * StorageConfig storage = StorageConfig.fromOutputsFile(Path.of("amplify_outputs.json"));
 * try (StorageClient files = StorageClient.builder().config(storage).credentials(userCredentials).build()) {
 *     String key = files.privatePath().key("receipts/2026-12.pdf");
 *     files.upload(key, Path.of("receipt.pdf"));
 *     files.download(key, Path.of("copy.pdf"));
 *     files.list(files.privatePath()).items().forEach(item -> ...);
 *     PresignedUrl link = files.presignGet(key, Duration.ofMinutes(10));
 * }
 * }</pre>
 *
 * <p>Uploads stream from a file or an {@code InputStream}; from a threshold on ({@link Builder#multipartThreshold})
 * they go in parts ({@link Builder#partSize}), one after the other, so memory stays at one part for a stream and at
 * a copy buffer for a file. Built on the AWS SDK's sync {@link S3Client} and {@link S3Presigner} over the SDK's one
 * HTTP client (URL connection). Thread-safe; create one per bucket and credentials and share it.
 */
public final class StorageClient implements AutoCloseable {

    /** The multipart threshold by default: 16 MiB. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;

    /** The part size by default: 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

    /** The longest a presigned URL may be valid (SigV4's limit). */
    public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

    private static final long MAX_THRESHOLD = 512L * 1024 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;
    private static final String PRIVATE_PATTERN = "private/{entity_id}/*";
    private static final String PROTECTED_PATTERN = "protected/{entity_id}/*";

    private final StorageConfig config;
    private final StorageBucket bucket;
    private final AwsCredentialsProvider credentials;
    private final IdentityPoolCredentialsProvider identityPool;
    private final long multipartThreshold;
    private final long partSize;
    private final S3Client s3;
    private final S3Presigner presigner;

    private StorageClient(Builder b) {
        if (b.config == null) {
            throw new StorageConfigException("Give the builder a StorageConfig (StorageConfig.fromOutputsFile(...)).");
        }
        this.config = b.config;
        this.bucket = b.bucket == null ? config.defaultBucket() : config.bucket(b.bucket);
        if (b.identityPool == null && b.credentials == null) {
            throw new StorageConfigException("Give the builder credentials: an IdentityPoolCredentialsProvider for"
                    + " a guest or a signed-in user (credentials(...)), or another AwsCredentialsProvider.");
        }
        this.identityPool = b.identityPool;
        this.credentials = b.identityPool != null ? b.identityPool : b.credentials;
        if (b.partSize < MultipartPlan.MIN_PART_SIZE || b.partSize > MAX_THRESHOLD) {
            throw new StorageConfigException("The part size must be 5 MiB to 512 MiB (S3 takes parts of at least"
                    + " 5 MiB); it was " + b.partSize + " bytes.");
        }
        if (b.multipartThreshold < 1 || b.multipartThreshold > MAX_THRESHOLD) {
            throw new StorageConfigException(
                    "The multipart threshold must be 1 byte to 512 MiB; it was " + b.multipartThreshold + " bytes.");
        }
        this.multipartThreshold = b.multipartThreshold;
        this.partSize = b.partSize;
        Region region = Region.of(bucket.region());
        var s3Builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(config.pathStyle());
        var presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(config.pathStyle())
                        .build());
        config.endpoint().ifPresent(endpoint -> {
            s3Builder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        });
        this.s3 = s3Builder.build();
        this.presigner = presignerBuilder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bucket this client reads and writes. */
    public StorageBucket bucket() {
        return bucket;
    }

    public StorageConfig config() {
        return config;
    }

    /**
     * The caller's identity id (from the identity pool; obtained on first use).
     *
     * @throws StorageConfigException when the client was built with other credentials than the identity pool's
     */
    public String identityId() {
        if (identityPool == null) {
            throw new StorageConfigException("This client's credentials are not an identity pool's, so it has no"
                    + " identity id: build it with credentials(IdentityPoolCredentialsProvider).");
        }
        return identityPool.identityId();
    }

    /** The caller's own private path, {@code private/<identity id>/}: theirs alone. */
    public StoragePath privatePath() {
        return ownPath(PRIVATE_PATTERN);
    }

    /** The caller's own protected path, {@code protected/<identity id>/}: theirs to write, others' to read. */
    public StoragePath protectedPath() {
        return ownPath(PROTECTED_PATTERN);
    }

    /**
     * The caller's own path under a declared per-identity pattern, e.g. {@code uploads/{entity_id}/*}.
     *
     * @throws StorageConfigException when the bucket declares no such pattern
     */
    public StoragePath ownPath(String pattern) {
        StoragePath example = StoragePath.of(pattern, "us-east-1:00000000-0000-0000-0000-000000000000");
        if (!bucket.paths().isEmpty() && bucket.rule(example.pattern()).isEmpty()) {
            throw new StorageConfigException("Bucket " + bucket.name() + " declares no path " + example.pattern()
                    + "; its paths are " + bucket.patterns() + ".");
        }
        return StoragePath.of(pattern, identityId());
    }

    /** Uploads a file, in parts from the multipart threshold on. */
    public UploadResult upload(String key, Path file) {
        return upload(key, file, UploadOptions.none());
    }

    /**
     * Uploads a file, in parts from the multipart threshold on; the content type defaults to the file's probed type.
     *
     * @throws FieldgateException a subclass saying what went wrong (e.g. {@link NotAuthorizedException} naming the
     *                            path rule that refuses the caller)
     */
    public UploadResult upload(String key, Path file, UploadOptions options) {
        Objects.requireNonNull(file, "file");
        declared(key, StorageAccess.WRITE);
        long size;
        String contentType = options.contentType().orElse(null);
        try {
            size = Files.size(file);
            if (contentType == null) {
                contentType = Files.probeContentType(file);
            }
        } catch (IOException e) {
            throw new FieldgateException("The file " + file + " cannot be read: " + e.getMessage(), e);
        }
        String type = contentType == null ? "application/octet-stream" : contentType;
        MultipartPlan plan = MultipartPlan.of(size, multipartThreshold, partSize);
        Progress progress = new Progress(options.listener().orElse(null), size);
        progress.start();
        if (!plan.multipart()) {
            PutObjectResponse put = putObject(key, type, options, fileBody(file, 0, size, type, progress), size);
            progress.reached(size);
            return new UploadResult(key, size, put.eTag(), put.versionId(), 1);
        }
        return multipart(key, type, options, plan.parts(), (number, offset) -> {
            long length = plan.partLength(number, size);
            return new Part(fileBody(file, offset, length, type, progress), length);
        });
    }

    /**
     * Uploads from a stream (read to its end, not closed).
     *
     * @param length the stream's length, or -1 when unknown: the stream is then read a part at a time and goes in
     *               parts as soon as it holds more than one
     */
    public UploadResult upload(String key, InputStream content, long length, UploadOptions options) {
        Objects.requireNonNull(content, "content");
        declared(key, StorageAccess.WRITE);
        String type = options.contentType().orElse("application/octet-stream");
        Progress progress = new Progress(options.listener().orElse(null), length);
        progress.start();
        if (length >= 0) {
            MultipartPlan plan = MultipartPlan.of(length, multipartThreshold, partSize);
            if (!plan.multipart()) {
                byte[] all = readFully(content, (int) length, length);
                PutObjectResponse put =
                        putObject(key, type, options, bytesBody(all, all.length, 0, type, progress), length);
                progress.reached(length);
                return new UploadResult(key, length, put.eTag(), put.versionId(), 1);
            }
            byte[] buffer = new byte[(int) plan.partSize()];
            return multipart(key, type, options, plan.parts(), (number, offset) -> {
                int n = (int) plan.partLength(number, length);
                readInto(content, buffer, n, length);
                return new Part(bytesBody(buffer, n, offset, type, progress), n);
            });
        }
        byte[] buffer = new byte[(int) partSize];
        int first = readUpTo(content, buffer);
        if (first < buffer.length) {
            PutObjectResponse put = putObject(key, type, options, bytesBody(buffer, first, 0, type, progress), first);
            progress.reached(first);
            return new UploadResult(key, first, put.eTag(), put.versionId(), 1);
        }
        return multipart(key, type, options, -1, (number, offset) -> {
            int n = number == 1 ? first : readUpTo(content, buffer);
            return n == 0 && number > 1 ? null : new Part(bytesBody(buffer, n, offset, type, progress), n);
        });
    }

    /** Downloads an object to a file, replacing it only once the whole object has arrived. */
    public DownloadResult download(String key, Path target) {
        return download(key, target, null);
    }

    /**
     * Downloads an object to a file: into a temporary file (owner-only) beside it, moved over {@code target} once
     * complete, so a failed download leaves no partial file.
     */
    public DownloadResult download(String key, Path target, TransferListener listener) {
        Objects.requireNonNull(target, "target");
        declared(key, StorageAccess.GET);
        Path absolute = target.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(absolute.getParent());
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
            GetObjectResponse response;
            long size = 0;
            try (ResponseInputStream<GetObjectResponse> in = call(
                            "GetObject",
                            StorageAccess.GET,
                            key,
                            () -> s3.getObject(
                                    r -> r.bucket(bucket.bucketName()).key(key)));
                    OutputStream out = Files.newOutputStream(temp)) {
                response = in.response();
                long total = response.contentLength() == null ? -1 : response.contentLength();
                Progress progress = new Progress(listener, total);
                progress.start();
                InputStream counted = progress.count(in, 0);
                byte[] buffer = new byte[COPY_BUFFER];
                int n;
                while ((n = counted.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    size += n;
                }
                progress.reached(size);
            }
            move(temp, absolute);
            temp = null;
            return new DownloadResult(key, size, response.contentType(), response.eTag());
        } catch (IOException e) {
            throw new FieldgateException(
                    "Downloading '" + key + "' to " + target + " failed: " + e.getMessage()
                            + ". Check the disk and that the directory is writable.",
                    e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The download failed already; that failure is the one to report.
                }
            }
        }
    }

    /**
     * Opens an object for reading; close the stream when done. Failures while reading surface as
     * {@link IOException}s of the stream.
     */
    public InputStream download(String key) {
        declared(key, StorageAccess.GET);
        return call(
                "GetObject",
                StorageAccess.GET,
                key,
                () -> s3.getObject(r -> r.bucket(bucket.bucketName()).key(key)));
    }

    /** The first page (up to 1,000 objects) under a path. */
    public StoragePage list(StoragePath path) {
        return list(path, null, 1000);
    }

    /**
     * One page of the objects under a path.
     *
     * @param pageToken the previous page's {@link StoragePage#nextToken()}, or null for the first page
     * @param pageSize  1 to 1,000
     */
    public StoragePage list(StoragePath path, String pageToken, int pageSize) {
        Objects.requireNonNull(path, "path");
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be 1 to 1000, not " + pageSize);
        }
        declared(path.prefix(), StorageAccess.LIST);
        ListObjectsV2Response page = call(
                "ListObjectsV2",
                StorageAccess.LIST,
                path.prefix(),
                () -> s3.listObjectsV2(r -> r.bucket(bucket.bucketName())
                        .prefix(path.prefix())
                        .maxKeys(pageSize)
                        .continuationToken(pageToken)));
        return new StoragePage(
                page.contents().stream().map(StorageClient::item).toList(),
                Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
    }

    /** Every object under a path, fetched a page at a time as the stream is consumed. */
    public Stream<StorageItem> listAll(StoragePath path) {
        Objects.requireNonNull(path, "path");
        declared(path.prefix(), StorageAccess.LIST);
        Iterator<StorageItem> items = new Iterator<>() {
            private Iterator<StorageItem> page = List.<StorageItem>of().iterator();
            private String token;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    StoragePage next = list(path, token, 1000);
                    page = next.items().iterator();
                    token = next.nextToken();
                    last = token == null;
                }
                return page.hasNext();
            }

            @Override
            public StorageItem next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Deletes an object (deleting a missing key succeeds, as in S3). */
    public void delete(String key) {
        declared(key, StorageAccess.DELETE);
        call(
                "DeleteObject",
                StorageAccess.DELETE,
                key,
                () -> s3.deleteObject(r -> r.bucket(bucket.bucketName()).key(key)));
    }

    /** A URL that downloads the object without credentials until it expires. */
    public PresignedUrl presignGet(String key, Duration expiry) {
        declared(key, StorageAccess.GET);
        checkExpiry(expiry);
        return presigned(
                "GetObject",
                StorageAccess.GET,
                key,
                () -> presigner.presignGetObject(r -> r.signatureDuration(expiry)
                        .getObjectRequest(g -> g.bucket(bucket.bucketName()).key(key))));
    }

    /**
     * A URL that uploads one object ({@code PUT}, with the returned {@code Content-Type}) without credentials until it
     * expires.
     */
    public PresignedUrl presignPut(String key, Duration expiry, String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        declared(key, StorageAccess.WRITE);
        checkExpiry(expiry);
        return presigned(
                "PutObject",
                StorageAccess.WRITE,
                key,
                () -> presigner.presignPutObject(r -> r.signatureDuration(expiry)
                        .putObjectRequest(
                                p -> p.bucket(bucket.bucketName()).key(key).contentType(contentType))));
    }

    @Override
    public void close() {
        s3.close();
        presigner.close();
    }

    @Override
    public String toString() {
        return "StorageClient[bucket=" + bucket.name() + ", caller="
                + (identityPool == null ? "other credentials" : identityPool.isGuest() ? "guest" : "signed-in user")
                + "]";
    }

    // ---- uploads

    /** One part's body and length. */
    private record Part(RequestBody body, long length) {}

    @FunctionalInterface
    private interface Parts {
        /** Part {@code number} (from 1) starting {@code offset} bytes in; null when the stream has no more. */
        Part part(int number, long offset);
    }

    private PutObjectResponse putObject(String key, String type, UploadOptions options, RequestBody body, long size) {
        return call(
                "PutObject",
                StorageAccess.WRITE,
                key,
                () -> s3.putObject(
                        r -> r.bucket(bucket.bucketName())
                                .key(key)
                                .contentType(type)
                                .contentLength(size)
                                .metadata(options.metadata()),
                        body));
    }

    private UploadResult multipart(String key, String type, UploadOptions options, int plannedParts, Parts parts) {
        String uploadId = call(
                        "CreateMultipartUpload",
                        StorageAccess.WRITE,
                        key,
                        () -> s3.createMultipartUpload(r -> r.bucket(bucket.bucketName())
                                .key(key)
                                .contentType(type)
                                .metadata(options.metadata())
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32)))
                .uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        long offset = 0;
        try {
            for (int number = 1; plannedParts < 0 || number <= plannedParts; number++) {
                if (number > MultipartPlan.MAX_PARTS) {
                    throw new FieldgateException("The stream is longer than S3's 10,000 parts of " + partSize
                            + " bytes: give its length, or a larger part size.");
                }
                Part part = parts.part(number, offset);
                if (part == null) {
                    break;
                }
                int partNumber = number;
                UploadPartResponse uploaded = call(
                        "UploadPart",
                        StorageAccess.WRITE,
                        key,
                        () -> s3.uploadPart(
                                r -> r.bucket(bucket.bucketName())
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(partNumber)
                                        .contentLength(part.length())
                                        .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                                part.body()));
                completed.add(CompletedPart.builder()
                        .partNumber(partNumber)
                        .eTag(uploaded.eTag())
                        .checksumCRC32(uploaded.checksumCRC32())
                        .build());
                offset += part.length();
            }
            long size = offset;
            CompleteMultipartUploadResponse done = call(
                    "CompleteMultipartUpload",
                    StorageAccess.WRITE,
                    key,
                    () -> s3.completeMultipartUpload(r -> r.bucket(bucket.bucketName())
                            .key(key)
                            .uploadId(uploadId)
                            .multipartUpload(m -> m.parts(completed))));
            return new UploadResult(key, size, done.eTag(), done.versionId(), completed.size());
        } catch (RuntimeException e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    private void abort(String key, String uploadId, RuntimeException failure) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket.bucketName()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // The parts stay until the bucket's lifecycle rule removes them; the upload's own failure matters more.
            failure.addSuppressed(e);
        }
    }

    private static RequestBody fileBody(Path file, long offset, long length, String type, Progress progress) {
        ContentStreamProvider provider = () -> {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channel.position(offset);
                return progress.count(new LimitedInputStream(Channels.newInputStream(channel), length), offset);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        };
        return RequestBody.fromContentProvider(provider, length, type);
    }

    private static RequestBody bytesBody(byte[] buffer, int length, long offset, String type, Progress progress) {
        return RequestBody.fromContentProvider(
                () -> progress.count(new ByteArrayInputStream(buffer, 0, length), offset), length, type);
    }

    private static byte[] readFully(InputStream in, int length, long declared) {
        byte[] all = new byte[length];
        readInto(in, all, length, declared);
        return all;
    }

    private static void readInto(InputStream in, byte[] buffer, int length, long declared) {
        int n = readUpTo(in, buffer, length);
        if (n < length) {
            throw new FieldgateException("The stream ended before its declared length of " + declared
                    + " bytes: pass its real length, or -1 when it is not known.");
        }
    }

    private static int readUpTo(InputStream in, byte[] buffer) {
        return readUpTo(in, buffer, buffer.length);
    }

    private static int readUpTo(InputStream in, byte[] buffer, int length) {
        try {
            return in.readNBytes(buffer, 0, length);
        } catch (IOException e) {
            throw new FieldgateException("Reading the upload's stream failed: " + e.getMessage(), e);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---- the rest

    private static StorageItem item(S3Object o) {
        return new StorageItem(o.key(), o.size() == null ? 0 : o.size(), o.lastModified(), o.eTag());
    }

    private static void checkExpiry(Duration expiry) {
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_PRESIGN_EXPIRY) > 0) {
            throw new IllegalArgumentException(
                    "A presigned URL is valid for more than 0 seconds and at most 7 days, not " + expiry + ".");
        }
    }

    private PresignedUrl presigned(
            String operation, StorageAccess access, String key, Supplier<? extends PresignedRequest> presign) {
        PresignedRequest request = call(operation, access, key, presign);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.signedHeaders().forEach((name, values) -> {
            if (!"host".equals(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, values);
            }
        });
        return new PresignedUrl(request.url(), request.httpRequest().method().name(), request.expiration(), headers);
    }

    /**
     * Refuses, before any request, a key no declared path holds (S3 would deny it by default), and an access that
     * the key's path grants only to user-pool groups whose role the caller's credentials do not carry.
     */
    private void declared(String key, StorageAccess access) {
        Objects.requireNonNull(key, "key");
        Optional<PathRule> rule = bucket.ruleFor(key);
        if ((!bucket.paths().isEmpty() && rule.isEmpty())
                || (rule.isPresent() && groupsOnly(rule.get(), key, access))) {
            throw new NotAuthorizedException(
                    "Refused " + access.word() + " on '" + key + "' in bucket " + bucket.name() + ". "
                            + StorageErrors.refusal(access, key, bucket, caller()),
                    "AccessDenied",
                    List.of(),
                    List.of(),
                    0,
                    null);
        }
    }

    /**
     * Whether the rule grants {@code access} to some group but not to this caller: a guest, or a signed-in user
     * whose credentials carry none of those groups' roles and whom no other grant covers. Other credentials than
     * the identity pool's are left to S3.
     */
    private boolean groupsOnly(PathRule rule, String key, StorageAccess access) {
        if (identityPool == null || rule.groups().values().stream().noneMatch(granted -> granted.contains(access))) {
            return false;
        }
        if (identityPool.isGuest()) {
            return !rule.guest().contains(access);
        }
        if (rule.forGroup(roleGroup()).contains(access)) {
            return false;
        }
        return !(rule.owner().contains(access)
                && rule.identityIn(key)
                        .filter(identityPool.identityId()::equals)
                        .isPresent());
    }

    /** The group whose role the signed-in caller's credentials carry (see {@link StorageConfig#groupPrecedence}). */
    private String roleGroup() {
        return config.roleGroup(identityPool.groups()).orElse(null);
    }

    private <T> T call(String operation, StorageAccess access, String key, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw StorageErrors.map(e, operation, access, key, bucket, caller());
        } catch (UncheckedIOException e) {
            throw new FieldgateException(operation + " on '" + key + "' failed: " + e.getMessage(), e);
        }
    }

    private StorageErrors.Caller caller() {
        if (identityPool == null) {
            return new StorageErrors.Caller(false, null);
        }
        String id;
        List<String> memberOf;
        try {
            id = identityPool.identityId();
        } catch (FieldgateException e) {
            id = null;
        }
        try {
            memberOf = identityPool.groups();
        } catch (FieldgateException e) {
            memberOf = List.of();
        }
        String group = config.roleGroup(memberOf).orElse(null);
        return new StorageErrors.Caller(identityPool.isGuest(), id, group, memberOf);
    }

    /**
     * Builds a {@link StorageClient}: a {@link StorageConfig} and credentials are required; the bucket defaults to
     * the outputs file's default bucket.
     */
    public static final class Builder {
        private StorageConfig config;
        private String bucket;
        private IdentityPoolCredentialsProvider identityPool;
        private AwsCredentialsProvider credentials;
        private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
        private long partSize = DEFAULT_PART_SIZE;

        private Builder() {}

        public Builder config(StorageConfig config) {
            this.config = config;
            return this;
        }

        /** The bucket by its declared name ({@code files}); by default the outputs file's default bucket. */
        public Builder bucket(String name) {
            this.bucket = name;
            return this;
        }

        /** The identity pool's guest or signed-in credentials; the caller's own paths come from its identity id. */
        public Builder credentials(IdentityPoolCredentialsProvider credentials) {
            this.identityPool = Objects.requireNonNull(credentials, "credentials");
            this.credentials = null;
            return this;
        }

        /** Other credentials (a backend role, say); the caller then has no own paths. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.identityPool = null;
            return this;
        }

        /** Uploads of at least this many bytes go in parts; 16 MiB by default, at most 512 MiB. */
        public Builder multipartThreshold(long bytes) {
            this.multipartThreshold = bytes;
            return this;
        }

        /** The size of each part of a multipart upload: 5 MiB to 512 MiB, 8 MiB by default. */
        public Builder partSize(long bytes) {
            this.partSize = bytes;
            return this;
        }

        public StorageClient build() {
            return new StorageClient(this);
        }
    }
}
